package io.eventlake.silver.customer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.row_number;

import io.eventlake.bronze.BronzeEventsTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Pure transforms from customer updates to SCD rows; no I/O. */
public final class CustomerHistory {
    private CustomerHistory() {
    }

    /** A customer's updates in effect order: by occurred_at, then by event id (so equal times order the same way). */
    private static WindowSpec inEffectOrder() {
        return Window.partitionBy(SilverCustomersTable.CUSTOMER_ID)
                .orderBy(col(SilverCustomersTable.VALID_FROM), col(SilverCustomersTable.EVENT_ID));
    }

    /** Conforming {@code customer_updated} rows as versions: {@code occurred_at} becomes {@code valid_from}. */
    public static Dataset<Row> versions(Dataset<Row> accepted) {
        return accepted.withColumnRenamed(BronzeEventsTable.OCCURRED_AT, SilverCustomersTable.VALID_FROM);
    }

    /**
     * Dates every version of each customer in {@code versions} (all of a customer's versions, old and new): each
     * is valid until the next one in effect order; the last is current. The result does not depend on the order
     * the updates arrived in.
     */
    public static Dataset<Row> timeline(Dataset<Row> versions) {
        return versions
                .withColumn(SilverCustomersTable.VALID_TO, lead(col(SilverCustomersTable.VALID_FROM), 1)
                        .over(inEffectOrder()))
                .withColumn(SilverCustomersTable.IS_CURRENT, col(SilverCustomersTable.VALID_TO).isNull());
    }

    /** The newest version of each customer in {@code versions}: in effect order, the last. */
    public static Dataset<Row> newest(Dataset<Row> versions) {
        return versions
                .withColumn("_rank", row_number().over(Window.partitionBy(SilverCustomersTable.CUSTOMER_ID)
                        .orderBy(col(SilverCustomersTable.VALID_FROM).desc(), col(SilverCustomersTable.EVENT_ID)
                                .desc())))
                .where(col("_rank").equalTo(1))
                .drop("_rank");
    }

    /**
     * The conformed {@code customer_updated} records a backfill of {@code range} rebuilds from: those that occurred
     * in it, and every record of the customers they update (a customer's history is dated as a whole).
     */
    public static Dataset<Row> touchedEvents(Dataset<Row> conformed, io.eventlake.table.EventTimeRange range) {
        org.apache.spark.sql.Column inRange = range.contains(col(BronzeEventsTable.OCCURRED_AT));
        Dataset<Row> touched = conformed.where(inRange).select(SilverCustomersTable.CUSTOMER_ID)
                .where(col(SilverCustomersTable.CUSTOMER_ID).isNotNull()).distinct();
        return conformed.where(inRange).unionByName(conformed.where(inRange.unary_$bang())
                .join(touched, scala.collection.JavaConverters.asScalaBuffer(
                        java.util.List.of(SilverCustomersTable.CUSTOMER_ID)).toSeq(), "left_semi"));
    }

    /** The rows of a customer table ({@code held}) of the customers {@code events} update. */
    public static Dataset<Row> ofCustomers(Dataset<Row> held, Dataset<Row> events) {
        return held.join(events.select(SilverCustomersTable.CUSTOMER_ID).where(col(SilverCustomersTable.CUSTOMER_ID)
                .isNotNull()).distinct(), scala.collection.JavaConverters.asScalaBuffer(
                java.util.List.of(SilverCustomersTable.CUSTOMER_ID)).toSeq(), "left_semi");
    }
}
