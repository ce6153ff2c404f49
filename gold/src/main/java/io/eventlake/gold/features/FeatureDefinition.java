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
 * @param ageing      how the value moves on dates after a customer's last activity
 */
public record FeatureDefinition(String name, String description, Optional<Duration> window, DataType type,
                                Aggregate aggregate, Ageing ageing) {

    /**
     * How a feature's value moves once a customer is inactive. Past the last activity plus the longest window
     * every feature has settled; the feature table stops a customer's rows there, and a reader of a later date
     * (the training-set join) ages the last row by this.
     */
    public enum Ageing {
        /** Settled: the value stays what the last row says. */
        CONSTANT,
        /** A count of days up to the feature date: it grows by the days between the last row and the date read. */
        DAYS
    }

    /** A feature that settles once the customer is inactive ({@link Ageing#CONSTANT}). */
    public FeatureDefinition(String name, String description, Optional<Duration> window, DataType type,
                             Aggregate aggregate) {
        this(name, description, window, type, aggregate, Ageing.CONSTANT);
    }

    /** The aggregation of a feature over the activity rows of one (customer, feature date). */
    @FunctionalInterface
    public interface Aggregate {
        /**
         * @param inWindow true for activity rows inside the feature's window (all are before the feature date)
         */
        Column over(Column inWindow);
    }
}
