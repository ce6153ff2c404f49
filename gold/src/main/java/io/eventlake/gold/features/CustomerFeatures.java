package io.eventlake.gold.features;

import static io.eventlake.gold.features.CustomerFeatureDefinitions.AMOUNT;
import static io.eventlake.gold.features.CustomerFeatureDefinitions.FEATURE_DATE;
import static io.eventlake.gold.features.CustomerFeatureDefinitions.KIND;
import static io.eventlake.gold.features.CustomerFeatureDefinitions.OCCURRED_AT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/** Pure transforms from silver orders and returns to {@link CustomerFeaturesTable} rows. No I/O. */
public final class CustomerFeatures {
    private CustomerFeatures() {
    }

    /**
     * One row per order and per return of a known order: {@code customer_id, kind, occurred_at, amount} (the
     * order's total in the reporting currency; null for returns).
     */
    public static Dataset<Row> activity(Dataset<Row> orders, Dataset<Row> returns, FeatureSettings money) {
        Column rate = lit(null).cast(DataTypes.createDecimalType(18, 6));
        for (Map.Entry<String, BigDecimal> entry : money.exchangeRates().entrySet()) {
            rate = when(col(SilverOrdersTable.CURRENCY).equalTo(entry.getKey()), lit(entry.getValue()))
                    .otherwise(rate);
        }
        rate = when(col(SilverOrdersTable.CURRENCY).equalTo(money.reportingCurrency()), lit(BigDecimal.ONE))
                .otherwise(rate);
        Dataset<Row> placed = orders.select(col(SilverOrdersTable.CUSTOMER_ID).as(CustomerFeaturesTable.CUSTOMER_ID),
                lit(CustomerFeatureDefinitions.ORDER).as(KIND), col(SilverOrdersTable.OCCURRED_AT).as(OCCURRED_AT),
                col(SilverOrdersTable.ORDER_TOTAL).multiply(rate).cast(CustomerFeatureDefinitions.MONEY).as(AMOUNT));
        Dataset<Row> customers = orders.groupBy(SilverOrdersTable.ORDER_ID)
                .agg(min(col(SilverOrdersTable.CUSTOMER_ID)).as(CustomerFeaturesTable.CUSTOMER_ID));
        Dataset<Row> returned = returns.join(customers, SilverReturnsTable.ORDER_ID)
                .select(col(CustomerFeaturesTable.CUSTOMER_ID), lit(CustomerFeatureDefinitions.RETURN).as(KIND),
                        col(SilverReturnsTable.OCCURRED_AT).as(OCCURRED_AT),
                        lit(null).cast(CustomerFeatureDefinitions.MONEY).as(AMOUNT));
        return placed.union(returned);
    }

    /**
     * The features of every (customer, feature date) of the customer's own, bounded grid: from the day after the
     * customer's first order to the day after their last activity plus
     * {@link CustomerFeatureDefinitions#settledAfterDays()} (past it every feature has settled, see
     * {@link FeatureDefinition.Ageing}), and never past the day after the last order of all. One customer's
     * far-off order stretches that customer's grid only. Each feature reads only activity strictly before the
     * date's start.
     */
    public static Dataset<Row> features(Dataset<Row> activity) {
        return features(grid(activity), activity);
    }

    /** The (customer, feature date) pairs {@link #features(Dataset)} computes; see there for the bounds. */
    public static Dataset<Row> grid(Dataset<Row> activity) {
        Column isOrder = col(KIND).equalTo(CustomerFeatureDefinitions.ORDER);
        return grid(activity, activity.where(isOrder).agg(max(to_date(col(OCCURRED_AT))).as("_last_order")));
    }

    /**
     * {@link #grid(Dataset)} of some customers' activity, bounded by the last order of all customers: the grid
     * of each customer in {@code activity} is the one {@link #grid(Dataset)} gives on everyone's activity.
     */
    public static Dataset<Row> grid(Dataset<Row> activity, LocalDate lastOrderOfAll) {
        return grid(activity, activity.sparkSession().range(1).select(lit(java.sql.Date.valueOf(lastOrderOfAll))
                .as("_last_order")));
    }

    /**
     * The UTC date of the last order in {@code activity}; empty without orders.
     */
    public static Optional<LocalDate> lastOrderDate(Dataset<Row> activity) {
        Row last = activity.where(col(KIND).equalTo(CustomerFeatureDefinitions.ORDER))
                .agg(max(to_date(col(OCCURRED_AT)))).first();
        return last.isNullAt(0) ? Optional.empty() : Optional.of(last.getDate(0).toLocalDate());
    }

    /**
     * Restricts {@link #features(Dataset, Dataset)} to the feature rows a change can alter: those dated on or
     * after {@code allFrom} (every customer), and each listed customer's on or after its own date.
     */
    public static Column inRegion(Optional<LocalDate> allFrom, Map<LocalDate, List<String>> customersFrom) {
        Column region = allFrom.map(day -> col(FEATURE_DATE).geq(lit(java.sql.Date.valueOf(day))))
                .orElse(lit(false));
        for (Map.Entry<LocalDate, List<String>> group : customersFrom.entrySet()) {
            region = region.or(col(FEATURE_DATE).geq(lit(java.sql.Date.valueOf(group.getKey())))
                    .and(col(CustomerFeaturesTable.CUSTOMER_ID).isin(group.getValue().toArray())));
        }
        return region;
    }

    private static Dataset<Row> grid(Dataset<Row> activity, Dataset<Row> lastOrder) {
        Column isOrder = col(KIND).equalTo(CustomerFeatureDefinitions.ORDER);
        Column start = date_add(to_date(col("_first_order")), 1);
        Column end = least(date_add(col("_last_activity"), 1 + CustomerFeatureDefinitions.settledAfterDays()),
                date_add(col("_last_order"), 1));
        return activity.groupBy(CustomerFeaturesTable.CUSTOMER_ID)
                .agg(min(when(isOrder, col(OCCURRED_AT))).as("_first_order"),
                        max(to_date(col(OCCURRED_AT))).as("_last_activity"))
                .where(col("_first_order").isNotNull())
                .crossJoin(lastOrder)
                .select(col(CustomerFeaturesTable.CUSTOMER_ID),
                        explode(sequence(start, greatest(start, end))).as(FEATURE_DATE));
    }

    /**
     * The features of the given (customer, feature date) rows of a {@link #grid}, from {@code activity}, which
     * must hold all of those customers' activity.
     */
    public static Dataset<Row> features(Dataset<Row> grid, Dataset<Row> activity) {
        Column featureStart = col(FEATURE_DATE).cast(DataTypes.TimestampType);
        Column before = col("a." + OCCURRED_AT).lt(col("g." + FEATURE_DATE).cast(DataTypes.TimestampType));
        Dataset<Row> history = grid.as("g").join(activity.as("a"), col("g." + CustomerFeaturesTable.CUSTOMER_ID)
                        .equalTo(col("a." + CustomerFeaturesTable.CUSTOMER_ID)).and(before))
                .select(col("g." + CustomerFeaturesTable.CUSTOMER_ID).as(CustomerFeaturesTable.CUSTOMER_ID),
                        col("g." + FEATURE_DATE).as(FEATURE_DATE), col("a." + KIND).as(KIND),
                        col("a." + OCCURRED_AT).as(OCCURRED_AT), col("a." + AMOUNT).as(AMOUNT));
        List<Column> aggregates = new ArrayList<>();
        for (FeatureDefinition feature : CustomerFeatureDefinitions.ALL) {
            Column inWindow = feature.window()
                    .map(w -> col(OCCURRED_AT).geq(featureStart.minus(expr("INTERVAL " + w.toSeconds() + " SECONDS"))))
                    .orElse(lit(true));
            aggregates.add(feature.aggregate().over(inWindow).cast(feature.type()).as(feature.name()));
        }
        return history.groupBy(col(CustomerFeaturesTable.CUSTOMER_ID), col(FEATURE_DATE))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .select(java.util.Arrays.stream(CustomerFeaturesTable.SCHEMA.fieldNames()).map(c -> col(c))
                        .toArray(Column[]::new));
    }
}
