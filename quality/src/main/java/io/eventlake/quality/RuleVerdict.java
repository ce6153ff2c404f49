package io.eventlake.quality;

import java.util.Optional;

/**
 * How one rule fared.
 *
 * @param rule       the rule
 * @param status     passed, failed, or not judged (an anomaly rule without history)
 * @param metricName what was measured, e.g. {@code Completeness(email)}, {@code Size(*)}
 * @param metric     the measured value when one was computed
 * @param message    why it failed or was not judged; empty when passed
 */
public record RuleVerdict(Rule rule, Status status, String metricName, Optional<Double> metric, String message) {
    /**
     * The outcome of a rule, from best to worst; {@link #text()} is its value in the gate results table's
     * {@code verdict} column, read back only through {@link #of(String)}.
     */
    public enum Status {
        PASSED, NO_HISTORY, FAILED;

        /** The column value: {@code passed}, {@code no_history}, {@code failed}. */
        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status a column value names. */
        public static Status of(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }

        /** The worst of some outcomes ({@link #PASSED} for none). */
        public static Status worst(java.util.Collection<Status> statuses) {
            return statuses.stream().max(java.util.Comparator.naturalOrder()).orElse(PASSED);
        }
    }

    public boolean passed() {
        return status != Status.FAILED;
    }

    /** One line: rule, level, metric and requirement. */
    public String describe() {
        return "rule '" + rule.name() + "' (" + rule.level().name().toLowerCase(java.util.Locale.ROOT) + "): "
                + metricName + " = " + metric.map(RuleVerdict::format).orElse("n/a") + ", required "
                + rule.constraint().describe() + (message.isEmpty() ? "" : " (" + message + ")");
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
