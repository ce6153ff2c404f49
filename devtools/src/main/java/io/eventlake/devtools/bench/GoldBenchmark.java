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
import io.eventlake.gold.features.CustomerFeatures;
import io.eventlake.gold.features.CustomerFeaturesJob;
import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.gold.sales.DailyStoreSales;
import io.eventlake.gold.sales.DailyStoreSalesJob;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The gold refreshes against the best plain full recompute a user would write, per history size, in one run:
 * {@code daily_store_sales} (the transforms of {@link DailyStoreSales}, one aggregation, one overwrite) and
 * {@code customer_features} (those of {@link CustomerFeatures}, likewise).
 *
 * <p>Silver is loaded with {@code sizes} days of orders in turn (two lines each, 2% returned; silver's own
 * schemas, change feed on), {@code ordersPerDay} a day, and gold brought up to date, untimed. Each round then
 * appends one more day plus 1% of a day's orders placed on past days (late events) and times both sides on the
 * same silver: the incremental refresh of the gold table, and the plain recompute into a scratch table. The
 * order alternates between rounds, one untimed round warms both up first, and the median of the rounds is
 * printed. After the rounds each gold table is checked equal to its plain recompute.
 *
 * @param sizes         days of history, ascending
 * @param ordersPerDay  orders per day
 * @param rounds        timed rounds per size
 */
public record GoldBenchmark(List<Integer> sizes, int ordersPerDay, int rounds) {

    /** The median of one table's rounds at one history size. */
    public record Result(String table, int days, double fullSeconds, double incrementalSeconds, long recomputed,
                         boolean identical) {
        /** How many times faster the incremental refresh is. */
        public double ratio() {
            return fullSeconds / incrementalSeconds;
        }
    }

    public List<Result> run(LakeSettings settings, Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
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
            List<Side> sides = List.of(
                    new Side("daily_store_sales", gold.tables().dailyStoreSales(), table.apply("plain_sales"),
                            refresh(new DailyStoreSalesJob(gold)::refresh), () -> plainSales(spark, silver)),
                    new Side("customer_features", gold.tables().customerFeatures(), table.apply("plain_features"),
                            refresh(new CustomerFeaturesJob(gold)::refresh), () -> plainFeatures(spark, silver,
                            gold.features())));
            out.printf("gold refreshes vs a plain full recompute: %s days of history, %d orders a day (2 lines each,"
                    + " 2%% returned), %d rounds of 1 more day + %d late orders; master %s%n", sizes, ordersPerDay,
                    rounds, late(), spark.sparkContext().master());
            out.flush();
            List<Result> results = new ArrayList<>();
            int loaded = 0;
            boolean warm = false;
            for (int size : sizes) {
                long start = System.nanoTime();
                if (size > loaded) {
                    load(spark, silver, loaded, size - loaded, ordersPerDay, 0);
                    loaded = size;
                }
                sides.forEach(side -> side.refresh().apply(spark));
                out.printf("%d days: loaded and refreshed in %.1f s%n", size, seconds(start));
                out.flush();
                if (!warm) {
                    load(spark, silver, loaded++, 1, ordersPerDay, late());
                    sides.forEach(side -> side.time(spark, true));
                    warm = true;
                }
                List<List<double[]>> timings = new ArrayList<>();
                sides.forEach(side -> timings.add(new ArrayList<>()));
                List<double[]> floors = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    load(spark, silver, loaded++, 1, ordersPerDay, late());
                    for (int i = 0; i < sides.size(); i++) {
                        timings.get(i).add(sides.get(i).time(spark, round % 2 == 0));
                    }
                    floors.add(new double[] {floor(spark, silver, table.apply("floor"))});
                }
                for (int i = 0; i < sides.size(); i++) {
                    Side side = sides.get(i);
                    Result result = new Result(side.name(), size, median(timings.get(i), 0),
                            median(timings.get(i), 1), (long) median(timings.get(i), 2), side.identical(spark));
                    results.add(result);
                    out.printf("  %-18s full %6.2f s  incremental %6.2f s  ratio %5.1f  (%d rows/slices recomputed;"
                                    + " equal to the plain recompute: %s)%n", side.name(), result.fullSeconds(),
                            result.incrementalSeconds(), result.ratio(), result.recomputed(),
                            result.identical() ? "yes" : "NO");
                }
                double floor = median(floors, 0);
                out.printf("  Delta floor        %6.2f s  (the least an incremental refresh does here: the inputs'"
                        + " versions, their last change feeds, one partition committed); best ratio possible:"
                        + " sales %.1f, features %.1f%n", floor, median(timings.get(0), 0) / floor,
                        median(timings.get(1), 0) / floor);
                out.flush();
            }
            for (Side side : sides) {
                List<Result> own = results.stream().filter(r -> r.table().equals(side.name())).toList();
                Result first = own.get(0);
                Result last = own.get(own.size() - 1);
                out.printf("%s: incremental at %d days / at %d days: %.2f; ratio at %d days: %.1f%n", side.name(),
                        last.days(), first.days(), last.incrementalSeconds() / first.incrementalSeconds(),
                        last.days(), last.ratio());
            }
            out.flush();
            return results;
        } finally {
            LocalDirs.deleteRecursively(root);
        }
    }

    /**
     * The fixed cost below any incremental refresh on Delta, timed: the current version of each input, the change
     * feed of its last version read (one column, every row), and one row committed into one partition of a
     * scratch table with {@code replaceWhere}. No aggregation, no lookup: what remains is planning, log replay
     * and commit on this machine.
     */
    private static double floor(SparkSession spark, SilverTableLocations silver, TableLocation scratch) {
        long start = System.nanoTime();
        long rows = 0;
        for (TableLocation input : List.of(silver.orders(), silver.orderLines(), silver.returns())) {
            long version = DeltaCommits.currentVersion(spark, input);
            rows += spark.read().format("delta").option("readChangeFeed", "true")
                    .option("startingVersion", version).option("endingVersion", version).load(input.path())
                    .select("event_date").collectAsList().size();
        }
        spark.createDataFrame(List.of(RowFactory.create(Date.valueOf("2026-10-01"),
                        rows)), new StructType().add("event_date", DataTypes.DateType)
                        .add("rows", DataTypes.LongType))
                .write().format("delta").mode("overwrite").partitionBy("event_date")
                .option("replaceWhere", "event_date = DATE'2026-10-01'").save(scratch.path());
        return seconds(start);
    }

    private int late() {
        return Math.max(1, ordersPerDay / 100);
    }

    private static Function<SparkSession, RefreshResult> refresh(
            java.util.function.BiFunction<SparkSession, Boolean, RefreshResult> job) {
        return spark -> job.apply(spark, false);
    }

    /** One gold table: its incremental refresh and its plain recompute into a scratch table. */
    private record Side(String name, TableLocation table, TableLocation scratch,
                        Function<SparkSession, RefreshResult> refresh, Supplier<Dataset<Row>> plain) {
        /** Times both, in the order asked: {full seconds, incremental seconds, rows or slices recomputed}. */
        double[] time(SparkSession spark, boolean plainFirst) {
            double plainSeconds = 0;
            double incrementalSeconds = 0;
            long recomputed = 0;
            for (int turn = 0; turn < 2; turn++) {
                long start = System.nanoTime();
                if ((turn == 0) == plainFirst) {
                    plain.get().write().format("delta").mode("overwrite").save(scratch.path());
                    plainSeconds = seconds(start);
                } else {
                    recomputed = refresh.apply(spark).slices();
                    incrementalSeconds = seconds(start);
                }
            }
            return new double[] {plainSeconds, incrementalSeconds, recomputed};
        }

        boolean identical(SparkSession spark) {
            Dataset<Row> refreshed = spark.read().format("delta").load(table.path());
            Dataset<Row> recomputed = spark.read().format("delta").load(scratch.path())
                    .select(java.util.Arrays.stream(refreshed.columns()).map(c -> col(c)).toArray(Column[]::new));
            return refreshed.exceptAll(recomputed).isEmpty() && recomputed.exceptAll(refreshed).isEmpty();
        }
    }

    /** What a user would write: the sales transforms over all of silver, in one job. */
    private static Dataset<Row> plainSales(SparkSession spark, SilverTableLocations silver) {
        Dataset<Row> orders = spark.read().format("delta").load(silver.orders().path());
        return DailyStoreSales.slices(orders, spark.read().format("delta").load(silver.orderLines().path()),
                spark.read().format("delta").load(silver.returns().path()), DailyStoreSales.orderStores(orders));
    }

    /** What a user would write: the feature transforms over all of silver, in one job. */
    private static Dataset<Row> plainFeatures(SparkSession spark, SilverTableLocations silver,
                                              FeatureSettings money) {
        return CustomerFeatures.features(CustomerFeatures.activity(
                spark.read().format("delta").load(silver.orders().path()),
                spark.read().format("delta").load(silver.returns().path()), money));
    }

    private static double median(List<double[]> rounds, int index) {
        double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
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
