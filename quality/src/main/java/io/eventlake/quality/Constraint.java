package io.eventlake.quality;

import java.util.List;

/** What a rule requires of a table's rows. Immutable values; {@link Gates} turns them into one Deequ run. */
public sealed interface Constraint {
    /** The share of non-null values in {@code column} is at least {@code atLeast} (1.0: no nulls). */
    record Completeness(String column, double atLeast) implements Constraint {
    }

    /** No value of {@code column} occurs twice. */
    record Uniqueness(String column) implements Constraint {
    }

    /** Every value of {@code column} lies within [{@code min}, {@code max}]. */
    record Range(String column, double min, double max) implements Constraint {
    }

    /** Every non-null value of {@code column} is one of {@code values}. */
    record AllowedValues(String column, List<String> values) implements Constraint {
        public AllowedValues {
            values = List.copyOf(values);
        }
    }

    /** The data has at least {@code atLeast} rows. */
    record MinRows(long atLeast) implements Constraint {
    }
}
