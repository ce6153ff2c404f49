package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Labels joined to features, point in time: each label (customer, time, value) gets the customer's latest
 * feature row whose date starts strictly before the label's time, so no feature saw anything at or after it. A
 * label with no such row keeps null features. A label later than the customer's last row (the feature table stops
 * a customer's rows once every feature has settled) gets that row aged to the label's date: settled features as
 * they are, day counts ({@link FeatureDefinition.Ageing#DAYS}) plus the days in between. Pure: no I/O.
 */
public final class TrainingSet {
    private TrainingSet() {
    }

    /** Label columns: the entity, when the label was observed, and its value. */
    public static final String CUSTOMER_ID = CustomerFeaturesTable.CUSTOMER_ID;
    public static final String LABEL_TIME = "label_time";
    public static final String LABEL = "label";

    /** A feature row's value read {@code daysLater} days after its date. */
    private static Column aged(String column, Column value, Column daysLater) {
        return CustomerFeatureDefinitions.ALL.stream()
                .filter(f -> f.name().equals(column) && f.ageing() == FeatureDefinition.Ageing.DAYS)
                .findFirst().map(f -> value.plus(daysLater).cast(f.type())).orElse(value);
    }

    /**
     * @param labels   {@link #CUSTOMER_ID}, {@link #LABEL_TIME} (timestamp), {@link #LABEL}
     * @param features rows of {@link CustomerFeaturesTable}
     * @return the label columns, then {@code feature_date} and every feature
     */
    public static Dataset<Row> join(Dataset<Row> labels, Dataset<Row> features) {
        Column before = col("f." + CustomerFeaturesTable.FEATURE_DATE).cast(DataTypes.TimestampType)
                .lt(col("l." + LABEL_TIME));
        Dataset<Row> candidates = labels.withColumn("_label_row", org.apache.spark.sql.functions
                        .monotonically_increasing_id()).as("l")
                .join(features.as("f"), col("l." + CUSTOMER_ID).equalTo(col("f." + CUSTOMER_ID)).and(before), "left");
        List<Column> columns = new ArrayList<>(List.of(col("l." + CUSTOMER_ID).as(CUSTOMER_ID),
                col("l." + LABEL_TIME).as(LABEL_TIME), col("l." + LABEL).as(LABEL)));
        Column labelDate = to_date(col("l." + LABEL_TIME).minus(expr("INTERVAL 1 MICROSECOND")));
        Column daysLater = datediff(labelDate, col("f." + CustomerFeaturesTable.FEATURE_DATE));
        for (String feature : CustomerFeaturesTable.SCHEMA.fieldNames()) {
            if (!feature.equals(CUSTOMER_ID)) {
                columns.add(aged(feature, col("f." + feature), daysLater).as(feature));
            }
        }
        return candidates
                .withColumn("_rank", row_number().over(Window.partitionBy(col("l._label_row"))
                        .orderBy(col("f." + CustomerFeaturesTable.FEATURE_DATE).desc_nulls_last())))
                .where(col("_rank").equalTo(1))
                .select(columns.toArray(Column[]::new));
    }
}
