package io.eventlake.quality;

import java.util.List;

/**
 * A gate's verdicts on one batch of data.
 *
 * @param table    the table guarded
 * @param verdicts one per rule, in the gate's order
 */
public record GateResult(String table, List<RuleVerdict> verdicts) {
    public GateResult {
        verdicts = List.copyOf(verdicts);
    }

    /** The failed rules of {@code level}. */
    public List<RuleVerdict> failed(Level level) {
        return verdicts.stream().filter(v -> !v.passed() && v.rule().level() == level).toList();
    }

    /** Whether a {@link Level#BLOCK} rule failed. */
    public boolean blocks() {
        return !failed(Level.BLOCK).isEmpty();
    }

    /** {@code passed}, or {@code failed: rule, rule} naming every failed rule. */
    public String summary() {
        List<String> failed = verdicts.stream().filter(v -> !v.passed()).map(v -> v.rule().name()).toList();
        return failed.isEmpty() ? "passed" : "failed: " + String.join(", ", failed);
    }
}
