package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.col;
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
 * label with no such row keeps null features. Pure: no I/O.
 */
public final class TrainingSet {
    private TrainingSet() {
    }

    /** Label columns: the entity, when the label was observed, and its value. */
    public static final String CUSTOMER_ID = CustomerFeaturesTable.CUSTOMER_ID;
    public static final String LABEL_TIME = "label_time";
    public static final String LABEL = "label";

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
        for (String feature : CustomerFeaturesTable.SCHEMA.fieldNames()) {
            if (!feature.equals(CUSTOMER_ID)) {
                columns.add(col("f." + feature).as(feature));
            }
        }
        return candidates
                .withColumn("_rank", row_number().over(Window.partitionBy(col("l._label_row"))
                        .orderBy(col("f." + CustomerFeaturesTable.FEATURE_DATE).desc_nulls_last())))
                .where(col("_rank").equalTo(1))
                .select(columns.toArray(Column[]::new));
    }
}
