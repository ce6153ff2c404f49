package io.eventlake.devtools.cli;

import static io.eventlake.devtools.cli.LakeCommandTest.lake;
import static io.eventlake.devtools.cli.LakeCommandTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestCli.Run;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import io.eventlake.orchestration.config.LakeSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The readers data scientists use, as real processes: every table of a demo lake, at every version, read by delta-rs,
 * polars and DuckDB ({@code notebooks/read_every_version.py} in the project's venv) has the row count Spark reads;
 * and the demo's printed Python and SQL instructions run as printed. An integration test (after {@code package}):
 * the SQL instructions run {@code ./lake}, which needs the packaged jars.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonReadersIT {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));
    private final Path python = ROOT.resolve(".venv/bin/python");
    private Path root;
    private String demoOut;

    /**
     * Test hook: the demo registers the default table names (bronze.events, ...), and this JVM's catalog is shared
     * by every test (a real lake keeps its metastore under its own root): names another demo registered elsewhere
     * are dropped first, and this demo's afterwards. Only catalog entries go; the data stays at its paths.
     */
    private static void dropDemoTableNames() {
        LakeSettings defaults = LakeConfig.load(new ConfigSources(ROOT.resolve("conf"), "local", null, List.of()));
        for (String name : defaults.tableNames()) {
            TestSpark.session().sql("DROP TABLE IF EXISTS " + name);
        }
    }

    @AfterAll
    void dropNames() {
        dropDemoTableNames();
    }

    @BeforeAll
    void aDemoLake() {
        assertTrue(Files.isExecutable(python), python + " is missing: run ./lake setup (./lake test does)");
        dropDemoTableNames();
        root = TestSpark.tempDir("readers");
        Run demo = lake(local("demo", "--count", "600", "--set", "lake-root=\"" + root + "\"",
                "--set", "sql-server.port=" + freePort()));
        assertEquals(LakeCommand.OK, demo.status(), demo.err() + demo.out());
        demoOut = demo.out();
    }

    @Test
    void everyTableOfADemoLakeAtEveryVersionHasSparksRowCountInDeltaRsPolarsAndDuckDb() throws Exception {

        SparkSession spark = TestSpark.session();
        Map<String, Map<Long, Long>> expected = new LinkedHashMap<>();
        try (var dirs = Files.list(root.resolve("demo"))) {
            for (Path database : dirs.filter(d -> !d.getFileName().toString().startsWith("_")).toList()) {
                try (var tables = Files.list(database)) {
                    for (Path table : tables.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).toList()) {
                        TableLocation location = new TableLocation("readers.t", table.toString());
                        Map<Long, Long> counts = new LinkedHashMap<>();
                        for (long v = 0; v <= DeltaCommits.currentVersion(spark, location); v++) {
                            counts.put(v, spark.read().format("delta").option("versionAsOf", v).load(table.toString())
                                    .count());
                        }
                        expected.put(table.toString(), counts);
                    }
                }
            }
        }
        assertTrue(expected.size() >= 14, "bronze, silver, gold and quality tables: " + expected.keySet());
        assertTrue(expected.values().stream().anyMatch(versions -> versions.size() > 3),
                "some table has several versions (the demo's restore): " + expected);

        JsonNode read = readWithPython(new ArrayList<>(expected.keySet()));
        for (Map.Entry<String, Map<Long, Long>> table : expected.entrySet()) {
            for (Map.Entry<Long, Long> version : table.getValue().entrySet()) {
                JsonNode readers = read.path(table.getKey()).path(String.valueOf(version.getKey()));
                for (String reader : List.of("deltalake", "polars", "duckdb")) {
                    assertEquals(version.getValue().longValue(), readers.path(reader).asLong(-1),
                            reader + " at " + table.getKey() + " v" + version.getKey() + ": " + readers);
                }
            }
        }
    }

    /** The demo ends with Python commands that work as written (here: in this repository, with its venv). */
    @Test
    void theDemosPythonInstructionsRunAsPrinted() throws Exception {
        Matcher printed = Pattern.compile("(?m)^ +\\.venv/bin/python (notebooks/\\S+\\.py) (\\S+)$").matcher(demoOut);
        int commands = 0;
        while (printed.find()) {
            String out = python(List.of(ROOT.resolve(printed.group(1)).toString(), printed.group(2)));
            assertTrue(out.contains("gold.daily_store_sales") || out.contains("deltalake"), printed.group() + out);
            commands++;
        }
        assertEquals(2, commands, demoOut);
    }

    /**
     * conf/openlineage.conf through ./lake: a full gold refresh of the demo lake emits OpenLineage events (file
     * transport) whose completed jobs read silver.orders and write gold.daily_store_sales. The demo's lake holds
     * the order priced 9,999,999.00 it planted, so daily_store_sales' recompute is written, fails its audit and is
     * restored (exit 2): OpenLineage saw the write either way.
     */
    @Test
    void openLineageEventsNameTheGoldRefreshsInputsAndOutputs() throws Exception {
        Path events = root.resolve("openlineage/events.jsonl");
        Path log = root.resolve("openlineage.log");
        ProcessBuilder lake = new ProcessBuilder("./lake", "gold", "--full", "--conf-file", "conf/openlineage.conf",
                "--set", "lake-root=\"" + root.resolve("demo") + "\"",
                "--set", "spark.conf.\"spark.openlineage.transport.location\"=\"" + events + "\"")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        lake.environment().put("EVENTLAKE_NO_BUILD", "1"); // the jars this build made
        lake.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = lake.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "./lake gold finishes within 5 minutes");
        String printed = Files.readString(log);
        assertEquals(LakeCommand.BAD_INPUT, process.exitValue(), printed);
        assertTrue(printed.contains("gold.daily_store_sales version") && printed.contains("failed its audit: rule "
                + "'daily_revenue_plausible'"), "the demo's planted order, nothing else: " + printed);
        ObjectMapper json = new ObjectMapper();
        boolean found = false;
        for (String line : Files.readAllLines(events)) {
            JsonNode event = json.readTree(line);
            List<String> inputs = new ArrayList<>();
            event.path("inputs").forEach(input -> inputs.add(input.path("name").asText()));
            List<String> outputs = new ArrayList<>();
            event.path("outputs").forEach(output -> outputs.add(output.path("name").asText()));
            found |= "COMPLETE".equals(event.path("eventType").asText())
                    && outputs.stream().anyMatch(name -> name.endsWith("/gold/daily_store_sales"))
                    && inputs.stream().anyMatch(name -> name.endsWith("/silver/orders"));
        }
        assertTrue(found, "a COMPLETE event reading silver/orders and writing gold/daily_store_sales in "
                + Files.readString(events));
    }

    /**
     * The demo ends with SQL instructions that work as written, in this repository: the endpoint started with
     * ./lake, queried with the pyspark distribution's beeline (gold by name), stopped; and a one-shot ./lake sql.
     */
    @Test
    void theDemosSqlInstructionsRunAsPrinted() throws Exception {
        int from = demoOut.indexOf("   Query them over SQL/JDBC");
        assertTrue(from >= 0, demoOut);
        List<String> lines = demoOut.substring(from).lines().skip(1)
                .takeWhile(line -> line.startsWith("     ") || line.startsWith("   or one query"))
                .filter(line -> line.startsWith("     ")).map(String::strip).toList();
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("./lake sql-server start "), lines.toString());
        assertTrue(lines.get(2).contains("/bin/beeline\" -u jdbc:hive2://127.0.0.1:"), lines.toString());
        Path script = root.resolve("sql-instructions.sh");
        Files.writeString(script, "set -euo pipefail\n" + String.join("\n", lines) + "\n");
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(root.resolve("sql-instructions.log").toFile());
        bash.environment().put("EVENTLAKE_NO_BUILD", "1"); // the jars this build made
        bash.environment().remove("SPARK_HOME");
        bash.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = bash.start();
        try {
            assertTrue(process.waitFor(6, TimeUnit.MINUTES), "the instructions finish within 6 minutes");
        } finally {
            process.destroyForcibly();
            Path pid = root.resolve("demo/_sql-server/server.pid"); // an endpoint left by a failed step
            if (Files.exists(pid)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroy);
            }
        }
        String out = Files.readString(root.resolve("sql-instructions.log"));
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("SQL endpoint running (pid "), out);
        assertTrue(out.contains("SQL endpoint stopped (pid "), out);
        Matcher beelineRows = Pattern.compile("(?m)^\\| S\\d{3} +\\| +-?\\d+\\.\\d+ +\\|$").matcher(out);
        long served = beelineRows.results().count();
        assertTrue(served >= 2, "beeline printed the stores' revenue: " + out);
        assertTrue(Pattern.compile("(?m)^S\\d{3} +\\| +-?\\d+\\.\\d+$").matcher(out).find(),
                "./lake sql printed them: " + out);
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The notebook script runs as written on the demo's lake and a training set built with the CLI. */
    @Test
    void theNotebookScriptReadsGoldAnOlderVersionAndATrainingSetWithItsRecordedVersions() throws Exception {
        Matcher customer = Pattern.compile("\\n +(C\\d{5}) +(2026-\\d\\d-\\d\\d) +\\d+ +\\d+ ").matcher(demoOut);
        assertTrue(customer.find(), demoOut);
        Path labels = root.resolve("labels.csv");
        Files.writeString(labels, "customer_id,label_time,label\n" + customer.group(1) + "," + customer.group(2)
                + "T12:00:00Z,1\n");
        Path trainingSet = root.resolve("training-set");
        Run built = lake(local("features", "training-set", "--labels", labels.toString(), "--out",
                trainingSet.toString(), "--set", "lake-root=\"" + root.resolve("demo") + "\""));
        assertEquals(LakeCommand.OK, built.status(), built.err());

        String out = python(List.of(ROOT.resolve("notebooks/explore_gold.py").toString(),
                root.resolve("demo").toString(), trainingSet.toString()));
        assertTrue(out.contains("gold.daily_store_sales: version "), out);
        assertTrue(out.matches("(?s).*version 1 had \\d+ rows; now \\d+.*"), out);
        assertTrue(out.contains("RESTORE  run demo-"), "the demo's blocked refresh, restored: " + out);
        Matcher versions = Pattern.compile("training set \\S+: 1 labels, built from \\{'gold.customer_features': (\\d+)")
                .matcher(out);
        assertTrue(versions.find(), out);
        assertTrue(built.out().contains("gold.customer_features=" + versions.group(1)), built.out() + "\n" + out);
    }

    private JsonNode readWithPython(List<String> tables) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("notebooks/read_every_version.py").toString(),
                "--json"));
        command.addAll(tables);
        return new ObjectMapper().readTree(python(command));
    }

    /** Runs the venv's python with {@code args}; its standard output. */
    private String python(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString()));
        command.addAll(args);
        Path out = Files.createTempFile("readers", ".json");
        Path err = Files.createTempFile("readers", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the readers finish within 5 minutes");
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
