package io.eventlake.quality;

import java.util.Optional;

/**
 * How one rule fared.
 *
 * @param rule    the rule
 * @param passed  whether the data met it
 * @param metric  the measured value (completeness, uniqueness, min or max, compliance, size) when Deequ computed one
 * @param message Deequ's explanation of a failure; empty when passed
 */
public record RuleVerdict(Rule rule, boolean passed, Optional<Double> metric, String message) {
}
