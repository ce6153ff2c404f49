package io.eventlake.quality;

/**
 * One named rule of a gate.
 *
 * @param name       how verdicts and quarantined rows refer to it, e.g. {@code amount_in_range}
 * @param level      what a failure does
 * @param constraint what it requires
 */
public record Rule(String name, Level level, Constraint constraint) {
}
