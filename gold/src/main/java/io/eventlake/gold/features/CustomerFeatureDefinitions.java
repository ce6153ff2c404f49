package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Every customer feature, with its window, in one place. Each is computed for a feature date D from the
 * customer's activity that occurred strictly before D (00:00 UTC): nothing at or after D leaks in.
 *
 * <p>Activity rows ({@link CustomerActivity}): one per order and one per return, with {@link #KIND}, the time it
 * occurred and the order's total in the reporting currency.
 */
public final class CustomerFeatureDefinitions {
    private CustomerFeatureDefinitions() {
    }

    /** Activity columns the definitions read. */
    public static final String KIND = "kind";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String AMOUNT = "amount";
    public static final String ORDER = "order";
    public static final String RETURN = "return";
    /** The feature date of the row being computed (a column of the joined rows). */
    public static final String FEATURE_DATE = "feature_date";

    /** Money in the reporting currency. */
    public static final DecimalType MONEY = new DecimalType(18, 2);

    private static Column isOrder() {
        return col(KIND).equalTo(ORDER);
    }

    private static Column orders(Column inWindow) {
        return count(when(inWindow.and(isOrder()), lit(1)));
    }

    private static Column spend(Column inWindow) {
        return coalesce(sum(when(inWindow.and(isOrder()), col(AMOUNT))), lit(BigDecimal.ZERO)).cast(MONEY);
    }

    public static final FeatureDefinition ORDERS_7D = new FeatureDefinition("orders_7d",
            "orders placed in the 7 days before the feature date", Optional.of(Duration.ofDays(7)),
            DataTypes.LongType, CustomerFeatureDefinitions::orders);

    public static final FeatureDefinition ORDERS_30D = new FeatureDefinition("orders_30d",
            "orders placed in the 30 days before the feature date", Optional.of(Duration.ofDays(30)),
            DataTypes.LongType, CustomerFeatureDefinitions::orders);

    public static final FeatureDefinition SPEND_30D = new FeatureDefinition("spend_30d",
            "order totals of the 30 days before the feature date, in the reporting currency",
            Optional.of(Duration.ofDays(30)), MONEY, CustomerFeatureDefinitions::spend);

    public static final FeatureDefinition AVG_BASKET_30D = new FeatureDefinition("avg_basket_30d",
            "spend_30d per order of the 30 days; null without orders", Optional.of(Duration.ofDays(30)), MONEY,
            inWindow -> when(orders(inWindow).gt(0), spend(inWindow).divide(orders(inWindow)).cast(MONEY)));

    public static final FeatureDefinition RETURN_RATE_90D = new FeatureDefinition("return_rate_90d",
            "returns per order over the 90 days before the feature date; null without orders",
            Optional.of(Duration.ofDays(90)), DataTypes.DoubleType,
            inWindow -> when(orders(inWindow).gt(0), count(when(inWindow.and(col(KIND).equalTo(RETURN)), lit(1)))
                    .cast(DataTypes.DoubleType).divide(orders(inWindow))));

    public static final FeatureDefinition DAYS_SINCE_LAST_ORDER = new FeatureDefinition("days_since_last_order",
            "whole days from the UTC date of the customer's last order to the feature date", Optional.empty(),
            DataTypes.IntegerType, inWindow -> org.apache.spark.sql.functions.datediff(col(FEATURE_DATE),
                    org.apache.spark.sql.functions.to_date(max(when(inWindow.and(isOrder()), col(OCCURRED_AT))))),
            FeatureDefinition.Ageing.DAYS);

    /** All of them, in column order. */
    public static final List<FeatureDefinition> ALL = List.of(ORDERS_7D, ORDERS_30D, SPEND_30D, AVG_BASKET_30D,
            RETURN_RATE_90D, DAYS_SINCE_LAST_ORDER);

    /**
     * How many days after a customer's last activity every feature has settled: the longest finite window (past
     * it, nothing the customer did is in any window; open-window features settle at the last activity).
     */
    public static int settledAfterDays() {
        return (int) ALL.stream().flatMap(f -> f.window().stream()).mapToLong(Duration::toDays).max().orElse(0);
    }
}
