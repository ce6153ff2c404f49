package io.eventlake.devtools.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_timestamp;

import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTableLocations;
import io.eventlake.gold.RefreshResult;
import io.eventlake.gold.sales.DailyStoreSalesJob;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code daily_store_sales}: a full recompute against the incremental refresh, in the same run. Silver is loaded
 * with {@code days} days of orders (two lines each, 2% returned) in the silver tables' own schemas, change feed on;
 * (a) a full recompute of the gold table is timed; then one more day of orders plus 1% of a day's orders placed on
 * past days (late events) is appended, and (b) the incremental refresh is timed. Prints both and the ratio.
 *
 * @param days          days of history
 * @param ordersPerDay  orders per day
 */
public record GoldBenchmark(int days, int ordersPerDay) {

    /** One measurement. */
    public record Result(double fullSeconds, double incrementalSeconds, long slicesRecomputed, long rows) {
        /** How many times faster the incremental refresh is. */
        public double ratio() {
            return fullSeconds / incrementalSeconds;
        }
    }

    public Result run(LakeSettings settings, Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the benchmark", "lake-data");
        }
        Path root = settings.localDir("bench-gold");
        LocalDirs.deleteRecursively(root);
        try {
            SparkSession spark = sessions.apply(settings.withLakeRoot(root.toString()));
            Function<String, TableLocation> table = name -> new TableLocation("bench_gold." + name,
                    root.resolve(name).toString());
            SilverTableLocations silver = new SilverTableLocations(table.apply("orders"), table.apply("order_lines"),
                    table.apply("payments"), table.apply("returns"), table.apply("inventory_movements"),
                    table.apply("customers"), table.apply("customers_current"), table.apply("quarantine"));
            GoldSettings gold = new GoldSettings(silver, new GoldTableLocations(table.apply("daily_store_sales"),
                    table.apply("customer_features"), table.apply("inventory_positions"),
                    table.apply("inventory_alerts")), settings.gold().features());
            long start = System.nanoTime();
            load(spark, silver, 0, days, ordersPerDay, 0);
            out.printf("loaded %d days x %d orders (%d lines, 2%% returned) into silver in %.1f s; master %s%n", days,
                    ordersPerDay, 2L * days * ordersPerDay, seconds(start), spark.sparkContext().master());
            out.flush();

            DailyStoreSalesJob job = new DailyStoreSalesJob(gold);
            start = System.nanoTime();
            RefreshResult full = job.refresh(spark, true);
            double fullSeconds = seconds(start);
            out.printf("(a) full recompute: %.1f s, %d slices%n", fullSeconds, full.slices());

            int late = Math.max(1, ordersPerDay / 100);
            load(spark, silver, days, 1, ordersPerDay, late);
            start = System.nanoTime();
            RefreshResult incremental = job.refresh(spark, false);
            double incrementalSeconds = seconds(start);
            out.printf("(b) incremental refresh after 1 more day + %d late orders: %.1f s, %d slices recomputed%n",
                    late, incrementalSeconds, incremental.slices());
            Result result = new Result(fullSeconds, incrementalSeconds, incremental.slices(),
                    spark.read().format("delta").load(gold.tables().dailyStoreSales().path()).count());
            out.printf("full/incremental ratio: %.1f (%d rows in daily_store_sales)%n", result.ratio(), result.rows());
            out.flush();
            return result;
        } finally {
            LocalDirs.deleteRecursively(root);
        }
    }

    /**
     * Appends {@code count} days of orders from day {@code first}, plus {@code late} orders spread over the days
     * before {@code first}, with their lines and returns, to the silver tables (created with the change feed on).
     */
    private static void load(SparkSession spark, SilverTableLocations silver, int first, int count, int perDay,
                             int late) {
        for (TableLocation t : List.of(silver.orders(), silver.orderLines(), silver.returns())) {
            StructType schema = t == silver.orders() ? SilverOrdersTable.SCHEMA
                    : t == silver.orderLines() ? SilverOrderLinesTable.SCHEMA : SilverReturnsTable.SCHEMA;
            DeltaTables.ensure(spark, t, schema, TableLayout.partitioned(List.of("event_date")).withChangeDataFeed());
        }
        Dataset<Row> orders = spark.range((long) count * perDay + late).select(
                col("id"),
                expr("CASE WHEN id < " + (long) count * perDay + " THEN " + first + " + CAST(id / " + perDay
                        + " AS INT) ELSE CAST(pmod(hash(id), " + Math.max(1, first) + ") AS INT) END").as("day"))
                .withColumn("order_id", format_string("o-%d-%d", lit(first), col("id")))
                .withColumn("event_date", date_add(lit(java.sql.Date.valueOf("2026-10-01")), col("day")))
                .withColumn("occurred_at", to_timestamp(concat(col("event_date").cast("string"),
                        lit(" 12:00:00"))))
                .withColumn("store_id", format_string("S%03d", expr("1 + pmod(hash(id, 1), 25)")))
                .withColumn("currency", expr("element_at(array('EUR', 'USD', 'GBP'), 1 + pmod(hash(id, 2), 3))"))
                .withColumn("customer_id", format_string("C%05d", expr("pmod(hash(id, 3), 5000)")))
                .cache();
        Dataset<Row> lines = orders.withColumn("line_number", expr("explode(array(1, 2))"))
                .withColumn("sku", format_string("SKU-%06d", expr("1 + pmod(hash(id, line_number), 800)")))
                .withColumn("quantity", expr("1 + pmod(hash(id, line_number, 4), 5)"))
                .withColumn("unit_price", expr("CAST(5 + pmod(hash(id, line_number, 5), 9500) / 100 AS DECIMAL(12,2))"))
                .withColumn("line_amount", expr("CAST(quantity * unit_price AS DECIMAL(18,2))"))
                .withColumn("event_id", col("order_id"));
        Dataset<Row> totals = lines.groupBy("order_id").agg(expr("CAST(sum(line_amount) AS DECIMAL(18,2))")
                .as("order_total"), expr("count(*)").cast("int").as("line_count"));
        Dataset<Row> orderRows = orders.join(totals, "order_id").withColumn("event_id", col("order_id"));
        Dataset<Row> returns = orders.where(expr("pmod(hash(id, 6), 50) = 0"))
                .withColumn("event_id", concat(lit("r-"), col("order_id")))
                .withColumn("return_id", col("event_id"))
                .withColumn("sku", lit("SKU-000001")).withColumn("quantity", lit(1))
                .withColumn("refund_amount", expr("CAST(5.00 AS DECIMAL(12,2))"));
        append(orderRows, SilverOrdersTable.SCHEMA, silver.orders());
        append(lines, SilverOrderLinesTable.SCHEMA, silver.orderLines());
        append(returns, SilverReturnsTable.SCHEMA, silver.returns());
        orders.unpersist();
    }

    /** Writes the columns of {@code schema} {@code rows} has, the others null. */
    private static void append(Dataset<Row> rows, StructType schema, TableLocation table) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            columns.add((List.of(rows.columns()).contains(field.name()) ? col(field.name()) : lit(null))
                    .cast(field.dataType()).as(field.name()));
        }
        rows.select(columns.toArray(Column[]::new)).write().format("delta").mode("append").save(table.path());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
