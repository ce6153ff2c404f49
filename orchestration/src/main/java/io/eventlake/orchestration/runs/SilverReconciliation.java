package io.eventlake.orchestration.runs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.silver.SilverSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.customer.SilverCustomersTable;
import io.eventlake.silver.fact.FactColumns;
import io.eventlake.silver.fact.SilverInventoryMovementsTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverPaymentsTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.TableLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Bronze against one silver table, counted in the tables themselves: the valid bronze events of the table's type
 * are its rows, the duplicates dropped and the records quarantined at conformance. {@code late} counts rows more
 * than {@link #LATENESS} older than a row of the same table that arrived before them on the same Kafka partition:
 * the events a watermark of that delay would have dropped, absorbed here.
 *
 * @param table        the silver table
 * @param validBronze  valid bronze events of the table's type
 * @param duplicates   of those, repeats of an event id already counted
 * @param quarantined  distinct events in silver quarantine for this table
 * @param expectedRows rows the table should hold: one per distinct conforming event (lines: one per line of the
 *                     orders table; current customers: one per customer of the history)
 * @param rows         rows the table holds
 * @param late         rows that arrived late (-1 where a row is not an event)
 * @param derivedFrom  for a table whose rows are not events, what its rows are counted against
 */
public record SilverReconciliation(String table, long validBronze, long duplicates, long quarantined,
                                   long expectedRows, long rows, long late, String derivedFrom) {
    /** How far behind earlier arrivals an event must be to count as late (a typical watermark delay). */
    public static final Duration LATENESS = Duration.ofHours(1);

    /** Every silver table, in pipeline order. */
    public static List<SilverReconciliation> all(SparkSession spark, SilverSettings silver) {
        SilverTableLocations t = silver.tables();
        Counts counts = Counts.read(spark, silver);
        List<SilverReconciliation> all = new ArrayList<>();
        all.add(events(spark, counts, t.orders(), SilverOrdersTable.EVENT_TYPE_NAME, FactColumns.OCCURRED_AT));
        Row lineTotal = read(spark, t.orders()).agg(sum(col(SilverOrdersTable.LINE_COUNT))).first();
        long lines = lineTotal.isNullAt(0) ? 0 : lineTotal.getLong(0);
        SilverReconciliation orders = all.get(0);
        all.add(new SilverReconciliation(t.orderLines().name(), orders.validBronze, orders.duplicates,
                orders.quarantined, lines, read(spark, t.orderLines()).count(), -1,
                "= the lines of the " + orders.rows + " orders"));
        all.add(events(spark, counts, t.payments(), SilverPaymentsTable.EVENT_TYPE_NAME, FactColumns.OCCURRED_AT));
        all.add(events(spark, counts, t.returns(), SilverReturnsTable.EVENT_TYPE_NAME, FactColumns.OCCURRED_AT));
        all.add(events(spark, counts, t.inventoryMovements(), SilverInventoryMovementsTable.EVENT_TYPE_NAME,
                FactColumns.OCCURRED_AT));
        SilverReconciliation customers = events(spark, counts, t.customers(), SilverCustomersTable.EVENT_TYPE_NAME,
                SilverCustomersTable.VALID_FROM);
        all.add(customers);
        long customerIds = read(spark, t.customers()).select(SilverCustomersTable.CUSTOMER_ID).distinct().count();
        all.add(new SilverReconciliation(t.customersCurrent().name(), customers.validBronze, customers.duplicates,
                customers.quarantined, customerIds, read(spark, t.customersCurrent()).count(), -1,
                "= the customers of " + t.customers().name()));
        return all;
    }

    /**
     * Bronze's valid events and distinct event ids per event type, and silver quarantine's distinct events per
     * target table: one aggregation of each table for all silver tables.
     */
    private record Counts(Map<String, long[]> bronzeByType, Map<String, Long> quarantinedByTable) {
        static Counts read(SparkSession spark, SilverSettings silver) {
            Map<String, long[]> bronze = new HashMap<>();
            for (Row row : SilverReconciliation.read(spark, silver.bronzeEvents())
                    .where(col(BronzeEventsTable.IS_VALID)).groupBy(col(BronzeEventsTable.EVENT_TYPE))
                    .agg(count(lit(1)), countDistinct(col(BronzeEventsTable.EVENT_ID))).collectAsList()) {
                bronze.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2)});
            }
            Map<String, Long> quarantined = new HashMap<>();
            for (Row row : SilverReconciliation.read(spark, silver.quarantine())
                    .groupBy(col(SilverQuarantineTable.TARGET_TABLE))
                    .agg(countDistinct(col(SilverQuarantineTable.EVENT_ID))).collectAsList()) {
                quarantined.put(row.getString(0), row.getLong(1));
            }
            return new Counts(bronze, quarantined);
        }
    }

    private static SilverReconciliation events(SparkSession spark, Counts counts, TableLocation table,
                                               String eventType, String occurredAt) {
        long[] bronze = counts.bronzeByType().getOrDefault(eventType, new long[2]);
        long quarantined = counts.quarantinedByTable().getOrDefault(table.name(), 0L);
        Dataset<Row> rows = read(spark, table);
        long late = rows
                .withColumn("_before", max(col(occurredAt)).over(Window
                        .partitionBy(col(FactColumns.SOURCE + ".topic"), col(FactColumns.SOURCE + ".partition"))
                        .orderBy(col(FactColumns.SOURCE + ".offset"))
                        .rowsBetween(Window.unboundedPreceding(), -1)))
                .where(col(occurredAt).lt(col("_before").minus(expr("INTERVAL " + LATENESS.toSeconds()
                        + " SECONDS"))))
                .count();
        long distinct = bronze[1];
        return new SilverReconciliation(table.name(), bronze[0], bronze[0] - distinct, quarantined,
                distinct - quarantined, rows.count(), late, "");
    }

    private static Dataset<Row> read(SparkSession spark, TableLocation table) {
        return spark.read().format("delta").load(table.path());
    }

    /** For events: valid bronze = rows + duplicates + quarantined; otherwise rows = what they derive from. */
    public boolean addsUp() {
        return rows == expectedRows && (late < 0 || validBronze == rows + duplicates + quarantined);
    }

    /**
     * One line: for a table of events, {@code valid bronze = rows + duplicates dropped + quarantined} and the late
     * events absorbed; for order lines and current customers, the rows against what they derive from.
     */
    public String render() {
        String verdict = addsUp() ? "ok" : "MISMATCH: expected " + expectedRows + " rows";
        if (late < 0) {
            return String.format("%-27s %5d rows (%s)  %s%n", table, rows, derivedFrom, verdict);
        }
        return String.format("%-27s %5d valid bronze = %5d rows + %4d duplicates dropped + %3d quarantined;"
                + " %3d late absorbed  %s%n", table, validBronze, rows, duplicates, quarantined, late, verdict);
    }
}
