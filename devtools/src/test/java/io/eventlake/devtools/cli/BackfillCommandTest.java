package io.eventlake.devtools.cli;

import static io.eventlake.devtools.cli.LakeCommandTest.lake;
import static io.eventlake.devtools.cli.LakeCommandTest.local;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestCli.Run;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code lake backfill} through the command line on a real broker and real tables: one pipeline run of 400 events
 * is the lake; wrong rows are planted in silver and gold inside and outside a one-day range, and the backfill of
 * that day must repair exactly the rows inside it.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillCommandTest {
    private static final String PREFIX = "bf";
    private static final List<String> TABLES = List.of("silver.orders", "silver.order_lines", "silver.payments",
            "silver.returns", "silver.inventory_movements", "silver.customers", "silver.customers_current",
            "silver.quarantine", "gold.daily_store_sales", "gold.customer_features");
    private final SparkSession spark = TestSpark.session();
    private final String topic = TestKafka.newTopic("backfill", 1);
    private final Path root = TestSpark.tempDir("backfill-lake");
    private final List<String> common = new ArrayList<>();
    private final Map<String, List<Row>> truth = new HashMap<>();
    private LocalDate day;
    private LocalDate otherDay;

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return lake(local(all.toArray(String[]::new)));
    }

    private TableLocation table(String name) {
        return new TableLocation(PREFIX + "_" + name, root.resolve(PREFIX + "_" + name.replace('.', '/')).toString());
    }

    private Dataset<Row> read(String name) {
        return spark.read().format("delta").load(table(name).path());
    }

    private long version(String name) {
        return DeltaCommits.currentVersion(spark, table(name));
    }

    private void sql(String statement) {
        spark.sql(statement);
    }

    /** The table's rows, sorted, as comparable text (struct and decimal columns included). */
    private List<String> rows(Dataset<Row> rows) {
        return rows.toJSON().collectAsList().stream().sorted().toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The start of a table's line in the backfill's report. */
    private static String line(String table) {
        return String.format("  %-27s ", PREFIX + "_" + table);
    }

    /**
     * The runs table (its name is made per lake root by the test configuration: {@code t<hash>_quality/runs}; the
     * {@code _quality} folder beside it holds the gates' metrics history).
     */
    private String runsTable() {
        try (var entries = java.nio.file.Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().endsWith("_quality")
                    && !p.getFileName().toString().startsWith("_")).findFirst().orElseThrow()
                    .resolve("runs").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void aPipelineRunOf400Events() {
        common.addAll(List.of("--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]", "--set", "lake-root=\"" + root + "\""));
        common.addAll(LakeCommandTest.ownTables(PREFIX));
        assertEquals(LakeCommand.OK, run("generate", "--count", "400", "--seed", "13").status());
        Run pipeline = run("pipeline", "--available-now");
        assertEquals(LakeCommand.OK, pipeline.status(), pipeline.err() + pipeline.out());
        List<Row> days = read("silver.orders").groupBy("event_date").count().orderBy(col("count").desc())
                .collectAsList();
        assertTrue(days.size() >= 2, "orders on at least two days: " + days);
        day = days.get(0).getDate(0).toLocalDate();
        otherDay = days.get(1).getDate(0).toLocalDate();
        for (String name : TABLES) {
            truth.put(name, read(name).collectAsList());
        }
    }

    @Test
    @Order(2)
    void plantedWrongRowsInTheRangeAreRepairedAndNothingElseChanges() {
        String orders = table("silver.orders").path();
        String lines = table("silver.order_lines").path();
        String sales = table("gold.daily_store_sales").path();
        // wrong rows inside the day and on another day, in silver and in gold; one line lost inside the day
        sql("UPDATE delta.`" + orders + "` SET order_total = 0 WHERE event_date IN (DATE'" + day + "', DATE'"
                + otherDay + "')");
        Row lostLine = read("silver.order_lines").where(col("event_date").equalTo(java.sql.Date.valueOf(day)))
                .orderBy("event_id", "line_number").first();
        sql("DELETE FROM delta.`" + lines + "` WHERE event_id = '" + lostLine.getAs("event_id") + "' AND line_number = "
                + lostLine.getAs("line_number"));
        // (a wrong value the gate cannot see: net = gross - refunds still holds)
        sql("UPDATE delta.`" + sales + "` SET gross_revenue = gross_revenue + 1, net_revenue = net_revenue + 1 WHERE event_date IN (DATE'" + day + "', DATE'"
                + otherDay + "')");
        long plantedInDay = read("silver.orders").where(col("event_date").equalTo(java.sql.Date.valueOf(day)))
                .count();
        long salesInDay = read("gold.daily_store_sales").where(col("event_date").equalTo(java.sql.Date.valueOf(day)))
                .count();

        // the dry run says what it would change and writes nothing
        Map<String, Long> before = new HashMap<>();
        TABLES.forEach(t -> before.put(t, version(t)));
        Run dry = run("backfill", "--from", day.toString(), "--to", day.plusDays(1).toString(), "--dry-run",
                "--tables", PREFIX + "_silver.orders," + PREFIX + "_silver.order_lines");
        assertEquals(LakeCommand.OK, dry.status(), dry.err() + dry.out());
        assertTrue(dry.out().contains(line("silver.orders") + "0 rows inserted, " + plantedInDay
                + " updated, 0 deleted in 1 partitions " + day), dry.out());
        assertTrue(dry.out().contains(line("silver.order_lines") + "1 rows inserted, 0 updated, 0 deleted "
                + "in 1 partitions " + day), dry.out());
        assertTrue(dry.out().contains("backfill would change: " + (plantedInDay + 1) + " rows (dry run)"), dry.out());
        TABLES.forEach(t -> assertEquals(before.get(t), version(t), t + ": a dry run writes nothing"));

        Run backfill = run("backfill", "--from", day.toString(), "--to", day.plusDays(1).toString(),
                "--run-id", "manual__backfill-1");
        assertEquals(LakeCommand.OK, backfill.status(), backfill.err() + backfill.out());
        assertTrue(backfill.out().contains(line("gold.daily_store_sales") + "0 rows inserted, " + salesInDay
                + " updated, 0 deleted in 1 partitions " + day), backfill.out());

        // inside the day: what the pipeline wrote; outside it: the planted rows, untouched
        java.sql.Date inDay = java.sql.Date.valueOf(day);
        for (String name : TABLES) {
            Dataset<Row> now = read(name);
            Dataset<Row> original = spark.createDataFrame(truth.get(name), now.schema());
            if (name.equals("silver.orders") || name.equals("gold.daily_store_sales")) {
                assertEquals(rows(original.where(col("event_date").equalTo(inDay))),
                        rows(now.where(col("event_date").equalTo(inDay))), name + " repaired inside the day");
                assertEquals(rows(original.where(col("event_date").notEqual(inDay))
                                .where(col("event_date").notEqual(java.sql.Date.valueOf(otherDay)))),
                        rows(now.where(col("event_date").notEqual(inDay))
                                .where(col("event_date").notEqual(java.sql.Date.valueOf(otherDay)))), name);
                Column outside = col("event_date").equalTo(java.sql.Date.valueOf(otherDay));
                Dataset<Row> planted = now.where(outside);
                Dataset<Row> expected = name.equals("silver.orders")
                        ? original.where(outside).withColumn("order_total", lit(0).cast("decimal(18,2)"))
                        : original.where(outside).withColumn("gross_revenue", col("gross_revenue").plus(1)
                                .cast(now.schema().apply("gross_revenue").dataType()))
                        .withColumn("net_revenue", col("net_revenue").plus(1)
                                .cast(now.schema().apply("net_revenue").dataType()));
                assertEquals(rows(expected.select(now.columns()[0], java.util.Arrays.copyOfRange(now.columns(), 1,
                        now.columns().length))), rows(planted), name + ": the planted rows outside the range are "
                        + "left alone");
            } else if (name.equals("gold.customer_features")) { // its days in range read the planted days before
                Column outside = col("feature_date").notEqual(inDay);
                assertEquals(rows(original.where(outside)), rows(now.where(outside)), name + " outside the day");
            } else {
                assertEquals(rows(original), rows(now), name + " holds what the pipeline wrote");
            }
        }

        // recorded as a run, with its range
        List<Row> recorded = spark.read().format("delta").load(runsTable()).where(col("run_id").equalTo("manual__backfill-1"))
                .selectExpr("job", "command", "mode", "status", "explode(inputs) AS i")
                .where(col("job").equalTo("silver.orders")).collectAsList();
        assertEquals(1, recorded.size(), recorded.toString());
        Row input = recorded.get(0);
        assertEquals("backfill", input.getString(1));
        assertEquals("succeeded", input.getString(3));
        Row range = input.getStruct(4);
        assertEquals(PREFIX + "_bronze.events", range.getString(0));
        assertEquals("event-time", range.getString(1));
        assertEquals(day + "T00:00:00Z", range.getString(2));
        assertEquals(day.plusDays(1) + "T00:00:00Z", range.getString(3));
    }

    @Test
    @Order(3)
    void aSecondBackfillOfTheSameRangeIsANoOp() {
        Map<String, Long> before = new HashMap<>();
        TABLES.forEach(t -> before.put(t, version(t)));
        Run again = run("backfill", "--from", day.toString(), "--to", day.plusDays(1).toString());
        assertEquals(LakeCommand.OK, again.status(), again.err() + again.out());
        assertTrue(again.out().contains("nothing to change: 0 rows"), again.out());
        TABLES.forEach(t -> assertEquals(before.get(t), version(t), t + " got no commit the second time"));
    }

    @Test
    @Order(4)
    void aBackfillBesideTheContinuousPipelineLosesAndDoublesNothing() throws Exception {
        String from = "2000-01-01";
        String to = "2100-01-01";
        long silverBefore = version("silver.orders");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Run> pipeline = threads.submit(() -> run("pipeline"));
            // events keep arriving while the backfill runs: the streams commit to the tables it repairs
            java.util.concurrent.Future<?> producer = threads.submit(() -> {
                for (int seed = 20; seed < 26; seed++) {
                    assertEquals(LakeCommand.OK, run("generate", "--count", "60", "--seed", String.valueOf(seed))
                            .status());
                    sleep(2_000);
                }
            });
            long deadline = System.currentTimeMillis() + 120_000;
            while (version("silver.orders") == silverBefore && System.currentTimeMillis() < deadline) {
                sleep(500);
            }
            assertTrue(version("silver.orders") > silverBefore, "the continuous pipeline writes silver");
            long started = System.currentTimeMillis();
            Run backfill = run("backfill", "--from", from, "--to", to, "--run-id", "manual__beside-the-stream");
            long ended = System.currentTimeMillis();
            assertEquals(LakeCommand.OK, backfill.status(), backfill.err() + backfill.out());
            // the backfill repaired silver while the stream wrote to it (it may also insert what the stream has
            // not reached yet: the stream's MERGE then finds those rows and adds nothing)
            assertTrue(backfill.out().contains(line("silver.orders")), backfill.out());
            assertTrue(backfill.out().contains("backfill changed: "), backfill.out());
            producer.get(180, java.util.concurrent.TimeUnit.SECONDS);
            sleep(8_000); // the last events reach silver
            for (org.apache.spark.sql.streaming.StreamingQuery query : spark.streams().active()) {
                query.stop();
            }
            Run stopped = pipeline.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(LakeCommand.OK, stopped.status(), stopped.err() + stopped.out());
            List<java.sql.Timestamp> during = spark.sql("DESCRIBE HISTORY delta.`" + table("silver.orders").path()
                            + "`").where(col("timestamp").between(new java.sql.Timestamp(started),
                            new java.sql.Timestamp(ended))).select("timestamp").as(org.apache.spark.sql.Encoders
                            .TIMESTAMP()).collectAsList();
            assertTrue(during.size() >= 2, "the stream and the backfill committed to silver.orders in the same "
                    + "window (" + during.size() + " commits)");
        } finally {
            threads.shutdownNow();
        }
        // whatever bronze holds is in silver once, and bronze still reconciles with every silver table
        Run drained = run("silver", "--available-now");
        assertEquals(LakeCommand.OK, drained.status(), "silver reconciles with bronze:\n" + drained.err()
                + drained.out());
        for (String name : List.of("silver.orders", "silver.payments", "silver.returns",
                "silver.inventory_movements", "silver.customers")) {
            Dataset<Row> rows = read(name);
            assertEquals(rows.count(), rows.select("event_id").distinct().count(), name + ": no event twice");
        }
        Dataset<Row> lines = read("silver.order_lines");
        assertEquals(lines.count(), lines.select("event_id", "line_number").distinct().count());
        assertEquals(0, read("silver.orders").where(col("order_total").equalTo(0)
                .and(col("line_count").gt(0))).count(), "the planted totals were repaired");
        // and the streams and the backfill agree: a backfill now finds nothing to change in silver
        List<String> silverTables = TABLES.stream().filter(t -> t.startsWith("silver.") && !t.endsWith("quarantine"))
                .map(t -> PREFIX + "_" + t).toList();
        Run again = run("backfill", "--from", from, "--to", to, "--dry-run", "--tables",
                String.join(",", silverTables));
        assertEquals(LakeCommand.OK, again.status(), again.err() + again.out());
        assertTrue(again.out().contains("nothing to change: 0 rows"), again.out());
    }

    @Test
    @Order(1)
    void badRangesAndUnknownTablesAreRefusedSayingWhatIsAllowed() {
        Run reversed = run("backfill", "--from", "2026-11-05", "--to", "2026-11-01");
        assertEquals(LakeCommand.BAD_INPUT, reversed.status());
        assertTrue(reversed.err().startsWith("error: --from 2026-11-05 is not before --to 2026-11-01"), reversed.err());
        Run malformed = run("backfill", "--from", "yesterday", "--to", "2026-11-01");
        assertEquals(LakeCommand.BAD_INPUT, malformed.status());
        assertTrue(malformed.err().startsWith("error: Option --from has the invalid value 'yesterday'. Allowed: a UTC "
                + "date (2026-11-01) or an ISO instant"), malformed.err());
        Run unknown = run("backfill", "--from", "2026-11-01", "--to", "2026-11-02", "--tables", "gold.sales");
        assertEquals(LakeCommand.BAD_INPUT, unknown.status());
        assertTrue(unknown.err().startsWith("error: There is no lake table named 'gold.sales'. The lake's tables are: "
                + PREFIX + "_silver.orders, "), unknown.err());
    }
}
