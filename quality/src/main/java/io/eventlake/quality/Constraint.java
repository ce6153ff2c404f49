package io.eventlake.quality;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rule requires of the data it guards. Immutable values; {@link Gates} turns a gate's constraints into one
 * Deequ run. A constraint with a {@link #rowCondition()} can be judged row by row (and so can quarantine rows);
 * the others judge the data as a whole.
 */
public sealed interface Constraint {
    /** A short statement of the requirement, with its threshold, for verdicts and error messages. */
    String describe();

    /** The SQL condition a single row must meet; empty when the constraint is about the data as a whole. */
    default Optional<String> rowCondition() {
        return Optional.empty();
    }

    /** The share of non-null values in {@code column} is at least {@code atLeast} (1.0: no nulls). */
    record Completeness(String column, double atLeast) implements Constraint {
        @Override
        public String describe() {
            return "completeness of " + column + " >= " + atLeast;
        }

        @Override
        public Optional<String> rowCondition() {
            return Optional.of(quote(column) + " IS NOT NULL");
        }
    }

    /** No value of {@code columns} (together) occurs twice. */
    record Uniqueness(List<String> columns) implements Constraint {
        public Uniqueness {
            columns = List.copyOf(columns);
        }

        @Override
        public String describe() {
            return "uniqueness of " + String.join(", ", columns) + " = 1.0";
        }
    }

    /** Every non-null value of {@code column} lies within [{@code min}, {@code max}]. */
    record Range(String column, double min, double max) implements Constraint {
        @Override
        public String describe() {
            return "every " + column + " within [" + format(min) + ", " + format(max) + "]";
        }

        @Override
        public Optional<String> rowCondition() {
            return Optional.of(quote(column) + " IS NULL OR (" + quote(column) + " >= " + min + " AND "
                    + quote(column) + " <= " + max + ")");
        }
    }

    /** Every non-null value of {@code column} is one of {@code values}. */
    record AllowedValues(String column, List<String> values) implements Constraint {
        public AllowedValues {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return "every " + column + " in {" + String.join(", ", values) + "}";
        }

        @Override
        public Optional<String> rowCondition() {
            return Optional.of(quote(column) + " IS NULL OR " + quote(column) + " IN ("
                    + values.stream().map(v -> "'" + v.replace("'", "\\'") + "'").collect(Collectors.joining(", "))
                    + ")");
        }
    }

    /**
     * Every row satisfies a SQL condition relating its columns, e.g. {@code net_amount = gross_amount -
     * refund_amount}; a row where the condition is null (a null operand) fails it.
     */
    record Satisfies(String condition) implements Constraint {
        @Override
        public String describe() {
            return "every row satisfies " + condition;
        }

        @Override
        public Optional<String> rowCondition() {
            return Optional.of("COALESCE((" + condition + "), false)");
        }
    }

    /** The data has between {@code atLeast} and {@code atMost} rows. */
    record RowCount(long atLeast, long atMost) implements Constraint {
        @Override
        public String describe() {
            return "row count within [" + atLeast + ", " + (atMost == Long.MAX_VALUE ? "∞" : atMost) + "]";
        }
    }

    /**
     * Anomaly check on history: the metric's ratio to its previous value in the gate's metrics history (new / old)
     * lies within [{@code minRatio}, {@code maxRatio}]. With no history yet the rule is recorded, not judged.
     *
     * @param metric which metric
     * @param column the column of a {@link Metric#COMPLETENESS} metric; null for {@link Metric#ROW_COUNT}
     */
    record Anomaly(Metric metric, String column, double minRatio, double maxRatio) implements Constraint {
        /** The metrics an anomaly rule can watch. */
        public enum Metric { ROW_COUNT, COMPLETENESS }

        @Override
        public String describe() {
            return (metric == Metric.ROW_COUNT ? "row count" : "completeness of " + column)
                    + " within [" + format(minRatio) + ", " + (maxRatio == Double.MAX_VALUE ? "∞" : format(maxRatio))
                    + "] x its previous value";
        }
    }

    private static String quote(String column) {
        return "`" + column + "`";
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }
}
