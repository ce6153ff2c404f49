package io.eventlake.devtools.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.eventlake.devtools.LocalDirs;
import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.maintain.Maintenance;
import io.eventlake.orchestration.maintain.Pins;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lake maintain} on a table written by many small micro-batches: a {@code silver.orders} table (its own
 * spec: partitioned by day, z-ordered by customer and store) appended {@code batches} times exactly as a streaming
 * sink appends ({@link DeltaTables#appendOnce}), each batch {@code rowsPerBatch} orders over {@code days} days.
 * It times a reader's query (one customer's orders and a per-store summary of one day: the filters the spec
 * z-orders for) before and after maintenance, median of {@code rounds}, and prints the file counts, both times,
 * their ratio, and the maintenance itself. The rows are checked equal before and after.
 *
 * @param batches      micro-batches appended
 * @param rowsPerBatch orders per batch
 * @param days         days the orders spread over (partitions)
 * @param rounds       timed runs of the query on each side
 */
public record MaintenanceBenchmark(int batches, int rowsPerBatch, int days, int rounds) {

    public void run(LakeSettings settings, Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the benchmark", "lake-data");
        }
        Path root = settings.localDir("bench-maintain");
        LocalDirs.deleteRecursively(root);
        try {
            SparkSession spark = sessions.apply(settings.withLakeRoot(root.toString()));
            TableLocation table = new TableLocation("bench_maintain.orders", root.resolve("orders").toString());
            DeltaTables.ensure(spark, table, SilverOrdersTable.SCHEMA, SilverOrdersTable.LAYOUT);
            out.printf("lake maintain on %s written by %d micro-batches of %d orders over %d days; master %s%n",
                    table.name(), batches, rowsPerBatch, days, spark.sparkContext().master());
            out.flush();
            long start = System.nanoTime();
            for (int batch = 0; batch < batches; batch++) {
                DeltaTables.appendOnce(orders(spark, (long) batch * rowsPerBatch), table, "bench-maintain", batch);
                if ((batch + 1) % 10 == 0) {
                    out.printf("  %d/%d batches written (%.0f s)%n", batch + 1, batches, seconds(start));
                    out.flush();
                }
            }
            List<String> rowsBefore = sorted(spark, table);
            int filesBefore = TableFiles.current(spark, table).files().size();
            query(spark, table); // warm-up: the JIT and the session, not the table's files
            double before = medianQuery(spark, table);
            Maintenance.TableReport report = new Maintenance(settings.maintenance(),
                    new Pins(new TableLocation("bench_maintain.pins", root.resolve("pins").toString())))
                    .maintain(spark, SilverOrdersTable.SPEC, table, false);
            double after = medianQuery(spark, table);
            int filesAfter = TableFiles.current(spark, table).files().size();
            boolean same = rowsBefore.equals(sorted(spark, table));
            out.printf("  files: %d before, %d after (%d partitions compacted, z-ordered by %s) in %.1f s%n",
                    filesBefore, filesAfter, report.compacted(), String.join(", ", report.zOrder()),
                    report.seconds());
            out.printf("  query (one customer's orders + one day's per-store summary), median of %d: before %.2f s,"
                    + " after %.2f s, ratio %.1f; rows equal before and after: %s%n", rounds, before, after,
                    before / after, same ? "yes" : "NO");
            out.flush();
        } finally {
            LocalDirs.deleteRecursively(root);
        }
    }

    /** One batch of orders from id {@code from}, in the table's schema (columns the benchmark leaves out null). */
    private Dataset<Row> orders(SparkSession spark, long from) {
        Dataset<Row> generated = spark.range(from, from + rowsPerBatch).selectExpr(
                "concat('e-', id) AS " + SilverOrdersTable.EVENT_ID,
                "date_add(DATE'2026-10-01', CAST(pmod(id, " + days + ") AS INT)) AS " + SilverOrdersTable.EVENT_DATE,
                "CAST('2026-10-01 12:00:00' AS TIMESTAMP) AS " + SilverOrdersTable.OCCURRED_AT,
                "concat('o-', id) AS " + SilverOrdersTable.ORDER_ID,
                "format_string('C%05d', pmod(hash(id, 3), 5000)) AS " + SilverOrdersTable.CUSTOMER_ID,
                "format_string('S%03d', 1 + pmod(hash(id, 1), 25)) AS " + SilverOrdersTable.STORE_ID,
                "'EUR' AS " + SilverOrdersTable.CURRENCY,
                "2 AS " + SilverOrdersTable.LINE_COUNT,
                "CAST(pmod(id, 9000) / 100 AS DECIMAL(18,2)) AS " + SilverOrdersTable.ORDER_TOTAL);
        List<String> present = Arrays.asList(generated.columns());
        return generated.select(Arrays.stream(SilverOrdersTable.SCHEMA.fields())
                .map(f -> (present.contains(f.name()) ? col(f.name()) : lit(null)).cast(f.dataType()).as(f.name()))
                .toArray(Column[]::new));
    }

    private static void query(SparkSession spark, TableLocation table) {
        Dataset<Row> orders = spark.read().format("delta").load(table.path());
        orders.where(col(SilverOrdersTable.CUSTOMER_ID).equalTo("C00042")).collectAsList();
        orders.where(col(SilverOrdersTable.EVENT_DATE).equalTo(java.sql.Date.valueOf("2026-10-02")))
                .groupBy(SilverOrdersTable.STORE_ID).agg(count("*"), sum(SilverOrdersTable.ORDER_TOTAL),
                        countDistinct(SilverOrdersTable.CUSTOMER_ID)).collectAsList();
    }

    private double medianQuery(SparkSession spark, TableLocation table) {
        List<Double> times = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            query(spark, table);
            times.add(seconds(start));
        }
        times.sort(Double::compare);
        return times.size() % 2 == 1 ? times.get(times.size() / 2)
                : (times.get(times.size() / 2 - 1) + times.get(times.size() / 2)) / 2;
    }

    private static List<String> sorted(SparkSession spark, TableLocation table) {
        return spark.read().format("delta").load(table.path()).toJSON().collectAsList().stream().sorted().toList();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
