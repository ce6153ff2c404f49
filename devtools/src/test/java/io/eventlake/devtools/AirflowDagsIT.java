package io.eventlake.devtools;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The DAGs of {@code airflow-dags/} on a real Airflow 3 ({@code .venv-airflow}, SQLite, {@code airflow dags test}):
 * the packaged jar through the Spark provider's spark-submit, against a real broker; settings only from Airflow
 * Connections and Variables (here from the environment, as {@code AIRFLOW_CONN_*} / {@code AIRFLOW_VAR_*}).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowDagsIT {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path home = TestSpark.tempDir("airflow");
    private final Path lake = home.resolve("lake");
    private final SparkSession spark = TestSpark.session();
    private final Map<String, List<String>> truth = new HashMap<>();

    record Result(int status, String output) {
    }

    private Result airflow(String... args) {
        Path airflow = ROOT.resolve(".venv-airflow/bin/airflow");
        assertTrue(Files.isExecutable(airflow), airflow + " is missing: run './lake setup' (./lake test does)");
        List<String> command = new ArrayList<>(List.of(airflow.toString()));
        command.addAll(List.of(args));
        Path log = home.resolve("airflow-" + args[0] + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = LocalPath.builder(command, log).directory(home.toFile());
        Map<String, String> env = builder.environment();
        String sparkHome = sparkHome();
        env.put("SPARK_HOME", sparkHome);
        env.put("PATH", sparkHome + "/bin:" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AIRFLOW_HOME", home.toString());
        env.put("AIRFLOW__CORE__DAGS_FOLDER", ROOT.resolve("airflow-dags").toString());
        env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
        env.put("EVENTLAKE_PII_KEY", io.eventlake.testing.TestCli.WITH_KEY.get("EVENTLAKE_PII_KEY"));
        // The deployment's settings, as Airflow Connections and Variables
        env.put("AIRFLOW_CONN_EVENTLAKE_SPARK", "{\"conn_type\": \"spark\", \"host\": \"local[2]\"}");
        env.put("AIRFLOW_VAR_EVENTLAKE_JAR", System.getProperty("eventlake.spark-jar"));
        env.put("AIRFLOW_VAR_EVENTLAKE_LAKE_ROOT", lake.toString());
        env.put("AIRFLOW_VAR_EVENTLAKE_CONF_FILE", home.resolve("eventlake.conf").toString());
        env.put("AIRFLOW_VAR_EVENTLAKE_SPARK_CONF", "{\"spark.driver.host\": \"127.0.0.1\", "
                + "\"spark.driver.bindAddress\": \"127.0.0.1\", \"spark.ui.enabled\": \"false\", "
                + "\"spark.driver.extraJavaOptions\": \"-Dlog4j2.configurationFile=" + ROOT.resolve(
                "conf/log4j2.properties") + "\"}");
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("airflow " + String.join(" ", args) + " timed out; log: " + log);
            }
            return new Result(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sparkHome() {
        try {
            return Files.readString(ROOT.resolve(".venv/spark-home")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(".venv/spark-home is missing: run './lake setup' (./lake test does)", e);
        }
    }

    /** The JSON an {@code airflow ... -o json} command printed (its last line; log lines come before it). */
    private static JsonNode json(Result result) {
        assertEquals(0, result.status(), result.output());
        String[] lines = result.output().strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("not JSON at the end of:\n" + result.output(), e);
        }
    }

    private TableLocation table(String name) {
        return new TableLocation(name, lake.resolve(name.replace('.', '/')).toString());
    }

    private Dataset<Row> read(String name) {
        return spark.read().format("delta").load(table(name).path());
    }

    private static List<String> rows(Dataset<Row> rows) {
        return rows.toJSON().collectAsList().stream().sorted().toList();
    }

    /** The newest Airflow run of a DAG. */
    private String lastRunId(String dag) {
        JsonNode runs = json(airflow("dags", "list-runs", dag, "-o", "json"));
        assertEquals(1, runs.size(), runs.toString());
        return runs.get(0).get("run_id").asText();
    }

    @BeforeAll
    void anAirflowWithTheDagsAndATopicOfEvents() throws IOException {
        String topic = TestKafka.newTopic("airflow", 2);
        Files.createDirectories(lake);
        Files.writeString(home.resolve("eventlake.conf"), String.join("\n",
                "eventlake {",
                "  kafka.bootstrap-servers = \"" + TestKafka.bootstrapServers() + "\"",
                "  kafka.topics = [\"" + topic + "\"]",
                "  spark.catalog = \"in-memory\"",
                "  spark.shuffle-partitions = 2",
                "}", ""));
        new KafkaEventWriter(TestKafka.bootstrapServers()).send(topic, 2, new EventGenerator(
                new GeneratorSettings(300, 0, 17, 2, Map.of(FaultKind.LATE, 0.2)), ContractRegistry.load(ContractRegistry.CLASSPATH)), 0);
        Result migrated = airflow("db", "migrate");
        assertEquals(0, migrated.status(), migrated.output());
        Result parsed = airflow("dags", "reserialize");
        assertEquals(0, parsed.status(), parsed.output());
    }

    @Test
    @Order(1)
    void theDagsImportWithoutErrors() {
        assertEquals("[]", json(airflow("dags", "list-import-errors", "-o", "json")).toString());
        TreeSet<String> dags = new TreeSet<>();
        json(airflow("dags", "list", "-o", "json")).forEach(dag -> dags.add(dag.get("dag_id").asText()));
        assertEquals("[eventlake_backfill, eventlake_maintenance, eventlake_pipeline]", dags.toString());
    }

    @Test
    @Order(2)
    void aPipelineRunWritesEveryLayerUnderTheAirflowRunsId() {
        long started = System.nanoTime();
        Result test = airflow("dags", "test", "eventlake_pipeline", "2026-11-01");
        System.out.printf("airflow dags test eventlake_pipeline: %.0f s%n", (System.nanoTime() - started) / 1e9);
        assertEquals(0, test.status(), test.output());
        String runId = lastRunId("eventlake_pipeline");
        assertTrue(runId.startsWith("manual__"), runId);

        // every gold table's newest commit, and the lake's runs, name the Airflow run
        for (String gold : List.of("gold.daily_store_sales", "gold.customer_features", "gold.inventory_positions")) {
            Map<Long, DeltaCommits.CommitInfo> commits = DeltaCommits.commits(spark, table(gold));
            long newest = commits.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(Optional.of(runId), commits.get(newest).run(), gold + "'s newest commit");
        }
        assertTrue(read("gold.daily_store_sales").count() > 0, "gold rows");
        List<String> jobs = read("quality.runs").where(col("run_id").equalTo(runId)).where(col("status")
                .equalTo("succeeded")).select("command").distinct().as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList().stream().sorted().toList();
        assertEquals(List.of("bronze", "gold", "silver"), jobs, "the lake's runs of the Airflow run");

        // one Asset per table the run wrote, each with an event of this run
        TreeSet<String> written = new TreeSet<>();
        for (String layer : List.of("bronze", "silver", "gold")) {
            try (Stream<Path> tables = Files.list(lake.resolve(layer))) {
                tables.filter(t -> Files.isDirectory(t.resolve("_delta_log")))
                        .forEach(t -> written.add(layer + "." + t.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TreeSet<String> assets = new TreeSet<>();
        json(airflow("assets", "list", "-o", "json")).forEach(a -> assets.add(a.get("name").asText()));
        assertEquals(written, assets);
    }

    @Test
    @Order(3)
    void theBackfillDagRepairsPlantedRowsOfItsDataIntervalAndNothingElse() {
        List<Row> days = read("silver.orders").groupBy("event_date").count().orderBy(col("count").desc())
                .collectAsList();
        assertTrue(days.size() >= 2, "orders on at least two days: " + days);
        LocalDate day = days.get(0).getDate(0).toLocalDate();
        Date otherDay = days.get(1).getDate(0);
        List<String> tables = List.of("silver.orders", "gold.daily_store_sales");
        tables.forEach(t -> truth.put(t, rows(read(t))));
        String days2 = "event_date IN (DATE'" + day + "', DATE'" + otherDay + "')";
        spark.sql("UPDATE delta.`" + table("silver.orders").path() + "` SET order_total = 0 WHERE " + days2);
        spark.sql("UPDATE delta.`" + table("gold.daily_store_sales").path() + "` SET gross_revenue = gross_revenue "
                + "+ 1, net_revenue = net_revenue + 1 WHERE " + days2);
        Map<String, List<String>> planted = new HashMap<>();
        tables.forEach(t -> planted.put(t, rows(read(t))));

        // A run whose data interval is the day (what `airflow backfill create` gives each day's run)
        Result test = airflow("dags", "test", "eventlake_backfill", day.plusDays(1).toString());
        assertEquals(0, test.status(), test.output());
        assertTrue(test.output().contains("backfill of event time [" + day + "T00:00:00Z, " + day.plusDays(1)
                + "T00:00:00Z)"), test.output());
        String runId = lastRunId("eventlake_backfill");

        String inside = "\"event_date\":\"" + day + "\"";
        for (String t : tables) {
            List<String> now = rows(read(t));
            assertEquals(truth.get(t).stream().filter(r -> r.contains(inside)).toList(),
                    now.stream().filter(r -> r.contains(inside)).toList(), t + ": the day is what the pipeline wrote");
            assertEquals(planted.get(t).stream().filter(r -> !r.contains(inside)).toList(),
                    now.stream().filter(r -> !r.contains(inside)).toList(), t + ": rows outside the day are left "
                            + "as they were (the planted ones too)");
            Map<Long, DeltaCommits.CommitInfo> commits = DeltaCommits.commits(spark, table(t));
            long newest = commits.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(Optional.of(runId), commits.get(newest).run(), t + "'s repair is the Airflow run's");
        }
        List<Row> recorded = read("quality.runs").where(col("run_id").equalTo(runId))
                .where(col("job").equalTo("silver.orders")).selectExpr("command", "status", "explode(inputs) AS i")
                .collectAsList();
        assertEquals(1, recorded.size(), recorded.toString());
        assertEquals("backfill", recorded.get(0).getString(0));
        assertEquals("succeeded", recorded.get(0).getString(1));
        assertEquals(day + "T00:00:00Z", recorded.get(0).getStruct(2).getString(2));
    }

    @Test
    @Order(4)
    void theMaintenanceDagCompactsTheLakeWithoutChangingARow() {
        Map<String, List<String>> before = new HashMap<>();
        List<String> tables = List.of("silver.orders", "gold.daily_store_sales");
        tables.forEach(t -> before.put(t, rows(read(t))));
        // a run triggered with params: only the two tables
        Result test = airflow("dags", "test", "-c", "{\"tables\": [\"silver.orders\", \"gold.daily_store_sales\"]}",
                "eventlake_maintenance", "2026-11-03");
        assertEquals(0, test.status(), test.output());
        assertTrue(test.output().contains("VACUUM deleted"), test.output());
        assertTrue(!test.output().contains("silver.payments"), "silver.payments is not among the params' tables:\n"
                + test.output());
        String runId = lastRunId("eventlake_maintenance");
        List<Row> recorded = read("quality.runs").where(col("run_id").equalTo(runId))
                .select("command", "status").distinct().collectAsList();
        assertEquals("[[maintain,succeeded]]", recorded.toString(), "the lake's run of the Airflow run");
        tables.forEach(t -> assertEquals(before.get(t), rows(read(t)), t + ": the same rows after maintenance"));
        Map<String, String> properties = spark.sql("DESCRIBE DETAIL delta.`" + table("silver.orders").path() + "`")
                .first().getJavaMap(spark.sql("DESCRIBE DETAIL delta.`" + table("silver.orders").path() + "`")
                        .first().fieldIndex("properties"));
        assertEquals("interval 720 hours", properties.get("delta.logRetentionDuration"), properties.toString());
    }
}
