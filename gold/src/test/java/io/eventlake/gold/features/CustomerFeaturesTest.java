package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.testing.TestSpark;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The feature grid and the training-set join as pure transforms over a few in-memory activity rows. */
@Tag("unit")
class CustomerFeaturesTest {
    private static final StructType ACTIVITY = new StructType()
            .add(CustomerFeaturesTable.CUSTOMER_ID, DataTypes.StringType)
            .add(CustomerFeatureDefinitions.KIND, DataTypes.StringType)
            .add(CustomerFeatureDefinitions.OCCURRED_AT, DataTypes.TimestampType)
            .add(CustomerFeatureDefinitions.AMOUNT, CustomerFeatureDefinitions.MONEY);

    private static Row order(String customer, String at) {
        return RowFactory.create(customer, CustomerFeatureDefinitions.ORDER, Timestamp.from(Instant.parse(at)),
                new BigDecimal("10.00"));
    }

    private static Dataset<Row> activity(Row... rows) {
        return TestSpark.session().createDataFrame(List.of(rows), ACTIVITY);
    }

    /** customer -> [first feature date, last feature date, rows]. */
    private static Map<String, String> spans(Dataset<Row> grid) {
        Map<String, String> spans = new TreeMap<>();
        grid.groupBy(CustomerFeaturesTable.CUSTOMER_ID)
                .agg(min(CustomerFeatureDefinitions.FEATURE_DATE), max(CustomerFeatureDefinitions.FEATURE_DATE),
                        count("*"))
                .collectAsList().forEach(r -> spans.put(r.getString(0), r.get(1) + ".." + r.get(2) + " " + r.get(3)));
        return spans;
    }

    @Test
    void eachCustomersGridEndsOnceEveryFeatureHasSettledAndAFarOffOrderStretchesOnlyItsOwn() {
        Dataset<Row> activity = activity(
                order("active", "2026-01-01T10:00:00Z"), order("active", "2026-11-01T10:00:00Z"),
                order("lapsed", "2026-01-01T10:00:00Z"),
                order("far", "2026-10-01T10:00:00Z"), order("far", "2031-06-01T10:00:00Z"));

        assertEquals(90, CustomerFeatureDefinitions.settledAfterDays());
        assertEquals(Map.of(
                        "active", "2026-01-02..2027-01-31 395",
                        "lapsed", "2026-01-02..2026-04-02 91",
                        "far", "2026-10-02..2031-06-02 1705"),
                spans(CustomerFeatures.grid(activity)));
        // the far-off order no longer gives every other customer five years of rows: 2,191 rows, not 5,661
        assertEquals(395 + 91 + 1705, CustomerFeatures.features(activity).count());
    }

    @Test
    void aLabelAfterTheCustomersLastRowGetsItAgedToTheLabelsDate() {
        Dataset<Row> activity = activity(order("lapsed", "2026-01-01T10:00:00Z"),
                order("active", "2026-11-01T10:00:00Z"));
        Dataset<Row> features = CustomerFeatures.features(activity);
        Dataset<Row> labels = TestSpark.session().createDataFrame(List.of(
                RowFactory.create("lapsed", Timestamp.from(Instant.parse("2026-03-01T12:00:00Z")), "in-grid"),
                RowFactory.create("lapsed", Timestamp.from(Instant.parse("2026-06-01T00:00:00Z")), "aged")),
                new StructType().add(TrainingSet.CUSTOMER_ID, DataTypes.StringType)
                        .add(TrainingSet.LABEL_TIME, DataTypes.TimestampType)
                        .add(TrainingSet.LABEL, DataTypes.StringType));

        List<Row> set = TrainingSet.join(labels, features).orderBy(TrainingSet.LABEL_TIME)
                .select(col(TrainingSet.LABEL), col(CustomerFeaturesTable.FEATURE_DATE).cast("string"),
                        col(CustomerFeatureDefinitions.ORDERS_30D.name()),
                        col(CustomerFeatureDefinitions.DAYS_SINCE_LAST_ORDER.name()))
                .collectAsList();

        // in the grid: the row of 2026-03-01, 59 days after the order of 2026-01-01
        assertEquals("[in-grid,2026-03-01,0,59]", set.get(0).toString());
        // past the grid (it ends 2026-04-02, the first date whose 90-day window is empty): that last row, its day count aged to 2026-05-31 (the last date that
        // starts strictly before the label), 150 days after the order
        assertEquals("[aged,2026-04-02,0,150]", set.get(1).toString());
    }
}
