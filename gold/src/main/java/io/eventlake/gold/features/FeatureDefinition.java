package io.eventlake.gold.features;

import java.time.Duration;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * One customer feature: its column, meaning, look-back window and how it aggregates a customer's activity before
 * the feature date. An immutable value; {@link CustomerFeatureDefinitions} holds them all.
 *
 * @param name        the column in {@code gold.customer_features}
 * @param description what it means, for the table's readers
 * @param window      how far back from the feature date it looks; empty for all history
 * @param type        the column's type
 * @param aggregate   the aggregation over activity rows, given a condition that is true for rows in the window
 */
public record FeatureDefinition(String name, String description, Optional<Duration> window, DataType type,
                                Aggregate aggregate) {

    /** The aggregation of a feature over the activity rows of one (customer, feature date). */
    @FunctionalInterface
    public interface Aggregate {
        /**
         * @param inWindow true for activity rows inside the feature's window (all are before the feature date)
         */
        Column over(Column inWindow);
    }
}
