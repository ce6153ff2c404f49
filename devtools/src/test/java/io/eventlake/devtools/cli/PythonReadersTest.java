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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The readers data scientists use, as real processes: every table of a demo lake, at every version, read by delta-rs,
 * polars and DuckDB ({@code notebooks/read_every_version.py} in the project's venv) has the row count Spark reads.
 */
@Tag("e2e")
class PythonReadersTest {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    @Test
    void everyTableOfADemoLakeAtEveryVersionHasSparksRowCountInDeltaRsPolarsAndDuckDb() throws Exception {
        Path python = ROOT.resolve(".venv/bin/python");
        assertTrue(Files.isExecutable(python), python + " is missing: run ./lake setup (./lake test does)");
        Path root = TestSpark.tempDir("readers");
        Run demo = lake(local("demo", "--count", "600", "--set", "lake-root=\"" + root + "\""));
        assertEquals(LakeCommand.OK, demo.status(), demo.err() + demo.out());

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

        JsonNode read = readWithPython(python, new ArrayList<>(expected.keySet()));
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

    private static JsonNode readWithPython(Path python, List<String> tables) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python.toString(),
                ROOT.resolve("notebooks/read_every_version.py").toString(), "--json"));
        command.addAll(tables);
        Path out = Files.createTempFile("readers", ".json");
        Path err = Files.createTempFile("readers", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the readers finish within 5 minutes");
        assertEquals(0, process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toFile());
    }
}
