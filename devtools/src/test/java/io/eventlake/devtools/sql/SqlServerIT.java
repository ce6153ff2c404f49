package io.eventlake.devtools.sql;

import static io.eventlake.devtools.sql.JdbcClient.rows;
import static io.eventlake.devtools.sql.JdbcClient.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.cli.DevLakeCommand;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQL endpoint and the shared local lake, as real processes: a continuous {@code lake pipeline} writes the lake
 * while {@code lake sql-server start} serves it to a real JDBC client (hive-jdbc, as BI tools use it) and
 * {@code lake gold} refreshes gold beside the pipeline; writes through the endpoint and wrong passwords are refused,
 * and a second writer of the pipeline's tables is refused naming the table and the run.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlServerIT {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));
    private static final String USER = "bi";
    private static final String PASSWORD = "s3cret-for-tests";
    private static final String PII_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private final SparkSession spark = TestSpark.session();
    private Path lake;
    private String topic;
    private int port;
    private String url;
    private Process pipeline;
    private JdbcClient jdbc;
    private long sent;

    @BeforeAll
    void aLakeWithAContinuousPipelineAndAnEndpoint() throws Exception {
        lake = TestSpark.tempDir("sql-server");
        topic = TestKafka.newTopic("sql", 2);
        port = freePort();
        url = "jdbc:hive2://127.0.0.1:" + port + "/default";
        sent += send(400, 21);
        Process first = start(lake.resolve("first.log"), "pipeline", "--available-now");
        awaitExit(first, lake.resolve("first.log"), 0);

        pipeline = start(lake.resolve("pipeline.log"), "pipeline");
        awaitTrue(() -> Files.exists(lake.resolve("_locks/bronze.events.lock")) && pipeline.isAlive() ? 1 : 0,
                "the continuous pipeline to take its tables", lake.resolve("pipeline.log"));

        long started = System.nanoTime();
        Process server = start(lake.resolve("start.log"), "sql-server", "start");
        String out = awaitExit(server, lake.resolve("start.log"), 0);
        assertTrue(out.contains("SQL endpoint running (pid "), out);
        assertTrue(out.contains("connect: " + url + "  (user bi, password from $EVENTLAKE_SQL_PASSWORD)"), out);
        jdbc = new JdbcClient();
        try (Connection c = jdbc.connect(url, USER, PASSWORD)) {
            value(c, "SELECT count(*) FROM gold.daily_store_sales");
        }
        System.out.printf("MEASURE sql-server: first query answered %.1f s after 'sql-server start' began%n",
                (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            Process stop = start(lake.resolve("stop.log"), "sql-server", "stop");
            String out = awaitExit(stop, lake.resolve("stop.log"), 0);
            assertTrue(out.contains("SQL endpoint stopped (pid "), out);
        } finally {
            if (pipeline != null) {
                pipeline.destroy();
                pipeline.waitFor(60, TimeUnit.SECONDS);
                pipeline.destroyForcibly();
            }
        }
    }

    @Test
    void goldSilverAndQualityTablesByNameVersionTimestampAndHistoryMatchSpark() throws Exception {
        String gold = lake.resolve("gold/daily_store_sales").toString();
        try (Connection c = jdbc.connect(url, USER, PASSWORD)) {
            List<Row> history = spark.sql("DESCRIBE HISTORY delta.`" + gold + "`").collectAsList();
            assertEquals(history.size(), rows(c, "DESCRIBE HISTORY gold.daily_store_sales").size());
            for (Row commit : history) {
                long version = commit.getLong(0);
                Row expected = spark.read().format("delta").option("versionAsOf", version).load(gold)
                        .selectExpr("count(*)", "coalesce(sum(orders), 0)").first();
                List<Object> actual = rows(c, "SELECT count(*), coalesce(sum(orders), 0) FROM gold.daily_store_sales "
                        + "VERSION AS OF " + version).get(0);
                assertEquals(List.of(expected.getLong(0), expected.getLong(1)),
                        List.of(((Number) actual.get(0)).longValue(), ((Number) actual.get(1)).longValue()),
                        "gold.daily_store_sales version " + version);
                String committedAt = commit.getTimestamp(1).toInstant().toString(); // the version's commit time
                List<Object> asOf = rows(c, "SELECT count(*), coalesce(sum(orders), 0) FROM gold.daily_store_sales "
                        + "TIMESTAMP AS OF '" + committedAt + "'").get(0);
                assertEquals(List.of(expected.getLong(0), expected.getLong(1)),
                        List.of(((Number) asOf.get(0)).longValue(), ((Number) asOf.get(1)).longValue()),
                        "gold.daily_store_sales as of " + committedAt + " (version " + version + ")");
            }
            assertTrue(((Number) value(c, "SELECT count(*) FROM silver.orders")).longValue() > 0);
            assertTrue(((Number) value(c, "SELECT count(*) FROM quality.gate_results")).longValue() > 0);
            List<List<Object>> tables = rows(c, "SHOW TABLES IN gold");
            assertTrue(tables.stream().anyMatch(t -> t.contains("daily_store_sales")), tables.toString());
        }
    }

    @Test
    void newEventsReachBronzeWhileServedAndGoldAfterALakeGoldBesideTheContinuousPipeline() throws Exception {
        try (Connection c = jdbc.connect(url, USER, PASSWORD)) {
            long ordersBefore = ((Number) value(c, "SELECT sum(orders) FROM gold.daily_store_sales")).longValue();
            sent += send(200, 22);
            awaitTrue(() -> count(c, "SELECT count(*) FROM bronze.events") == sent ? 1 : 0,
                    "the endpoint to see every record the continuous pipeline landed", lake.resolve("pipeline.log"));
            long[] last = {-1};
            awaitTrue(() -> { // silver settles: the same count over two looks, a few triggers apart
                long now = count(c, "SELECT count(*) FROM silver.orders");
                boolean settled = now == last[0];
                last[0] = now;
                sleep(3000);
                return settled ? 1 : 0;
            }, "silver.orders to settle", lake.resolve("pipeline.log"));

            Process gold = start(lake.resolve("gold.log"), "gold");
            String out = awaitExit(gold, lake.resolve("gold.log"), 0);
            // the operational path is the continuous pipeline's (its tables are locked in name order: alerts first)
            assertTrue(out.contains("inventory_positions: not refreshed here: gold.inventory_alerts is being "
                    + "written by pid " + pipeline.pid() + ", run pipeline-"), out);

            long ordersAfter = ((Number) value(c, "SELECT sum(orders) FROM gold.daily_store_sales")).longValue();
            long expected = spark.read().format("delta").load(lake.resolve("gold/daily_store_sales").toString())
                    .selectExpr("sum(orders)").first().getLong(0);
            assertEquals(expected, ordersAfter, "the endpoint serves gold's newest version");
            assertTrue(ordersAfter > ordersBefore, ordersBefore + " orders before, " + ordersAfter + " after");
            assertTrue(pipeline.isAlive(), "the continuous pipeline kept running");
        }
    }

    @Test
    void aSecondWriterOfThePipelinesTablesIsRefusedNamingTheTableAndTheRun() throws Exception {
        Process second = start(lake.resolve("second.log"), "bronze", "--available-now");
        String out = awaitExit(second, lake.resolve("second.log"), 1);
        assertTrue(out.contains("error: Table bronze.events is being written by another run: pid " + pipeline.pid()
                + ", run pipeline-"), out);
        assertTrue(out.contains("lake pipeline"), out);
        assertTrue(!out.contains("\tat "), "no stack trace: " + out);
    }

    @Test
    void statementsThatWouldWriteAreRefusedAndChangeNothing() throws Exception {
        String gold = lake.resolve("gold/daily_store_sales").toString();
        long version = spark.sql("DESCRIBE HISTORY delta.`" + gold + "`").first().getLong(0);
        try (Connection c = jdbc.connect(url, USER, PASSWORD)) {
            for (String write : List.of("DROP TABLE gold.daily_store_sales",
                    "INSERT INTO gold.daily_store_sales SELECT * FROM gold.daily_store_sales",
                    "DELETE FROM silver.orders",
                    "CREATE TABLE gold.mine USING DELTA AS SELECT 1 AS x",
                    "OPTIMIZE gold.daily_store_sales")) {
                SQLException refused = assertThrows(SQLException.class, () -> rows(c, write), write);
                assertTrue(refused.getMessage().contains("was refused: it would change the lake"),
                        write + ": " + refused.getMessage());
            }
            assertEquals(version, spark.sql("DESCRIBE HISTORY delta.`" + gold + "`").first().getLong(0));
            assertTrue(count(c, "SELECT count(*) FROM gold.daily_store_sales") > 0, "still served");
        }
    }

    @Test
    void aWrongPasswordOrUserIsRefused() {
        SQLException wrongPassword = assertThrows(SQLException.class, () -> jdbc.connect(url, USER, "guess"));
        assertTrue(wrongPassword.getMessage().contains("Error validating the login"),
                wrongPassword.getMessage());
        assertThrows(SQLException.class, () -> jdbc.connect(url, "admin", PASSWORD));
    }

    @Test
    void jdbcLatencyOfAGoldQuery() throws Exception {
        String query = "SELECT store_id, sum(net_revenue) FROM gold.daily_store_sales GROUP BY store_id";
        try (Connection c = jdbc.connect(url, USER, PASSWORD)) {
            rows(c, query); // warm
            long[] nanos = new long[20];
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                assertTrue(rows(c, query).size() > 0);
                nanos[i] = System.nanoTime() - started;
            }
            Arrays.sort(nanos);
            System.out.printf("MEASURE sql-server: gold query over JDBC, median of 20: %.0f ms%n",
                    (nanos[9] + nanos[10]) / 2e6);
        }
    }

    private long send(int count, long seed) {
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        faults.put(FaultKind.MALFORMED_JSON, 0.02);
        faults.put(FaultKind.DUPLICATE, 0.05);
        return new KafkaEventWriter(TestKafka.bootstrapServers()).send(topic, 2,
                new EventGenerator(new GeneratorSettings(count, 0, seed, 2, faults),
                        ContractRegistry.load(ContractRegistry.CLASSPATH)), 0).total();
    }

    private Process start(Path log, String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--conf-dir", ROOT.resolve("conf").toString(), "--env", "local",
                "--set", "lake-root=\"" + lake + "\"",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "bronze.trigger-interval=1s", "--set", "silver.trigger-interval=1s",
                "--set", "spark.shuffle-partitions=2",
                "--set", "sql-server.port=" + port,
                "--set", "sql-server.refresh-interval=2s",
                "--set", "sql-server.max-heap=1g",
                "--set", "sql-server.spark-home=\"" + Files.readString(ROOT.resolve(".venv/spark-home")).trim() + "\""));
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xmx1g");
        java.add("-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"));
        java.addAll(Arrays.asList(System.getProperty("eventlake.java17-opens").trim().split("\\s+")));
        java.addAll(List.of("-cp", System.getProperty("eventlake.launcher-jar") + ":"
                + Files.readString(Path.of(System.getProperty("eventlake.launcher-classpath"))).trim(),
                DevLakeCommand.class.getName()));
        java.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().remove("EVENTLAKE_ENV");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("EVENTLAKE_PII_KEY", PII_KEY);
        builder.environment().put("EVENTLAKE_SQL_PASSWORD", PASSWORD);
        return builder.start();
    }

    private static String awaitExit(Process process, Path log, int status) throws Exception {
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "timed out: see " + log);
        String out = Files.readString(log);
        assertEquals(status, process.exitValue(), out);
        return out;
    }

    private static void awaitTrue(LongSupplier condition, String what, Path log) {
        long deadline = System.currentTimeMillis() + 240_000;
        while (condition.getAsLong() != 1) {
            assertTrue(System.currentTimeMillis() < deadline, "waited 4 minutes for " + what + "; see " + log);
            sleep(500);
        }
    }

    private static long count(Connection c, String sql) {
        try {
            return ((Number) value(c, sql)).longValue();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
