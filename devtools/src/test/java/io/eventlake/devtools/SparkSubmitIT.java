package io.eventlake.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The packaged jar under a real {@code spark-submit} (pyspark 3.5.7 from PyPI, installed by {@code ./lake setup})
 * gives the same bronze tables as the local path (the same main on the development classpath).
 */
@Tag("e2e")
class SparkSubmitIT {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));
    private static final String RUN_ID = "submit-it";

    @Test
    void theSparkSubmitJarWritesTheSameBronzeAsTheLocalPath() throws Exception {
        Path sparkHomeFile = ROOT.resolve(".venv/spark-home");
        assertTrue(Files.isRegularFile(sparkHomeFile), sparkHomeFile + " is missing: run './lake setup' (./lake test does)");
        Path sparkHome = Path.of(Files.readString(sparkHomeFile).trim());
        Path sparkSubmit = sparkHome.resolve("bin/spark-submit");
        String topic = TestKafka.newTopic("submit", 3);
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.VALID) {
                faults.put(kind, 0.04);
            }
        }
        GenerationReport sent = new KafkaEventWriter(TestKafka.bootstrapServers()).send(topic, 3,
                new EventGenerator(new GeneratorSettings(1200, 0, 99, 3, faults),
                        ContractRegistry.load(ContractRegistry.CLASSPATH)), 0);
        Path work = TestSpark.tempDir("submit");
        Path submitted = work.resolve("submitted");
        Path local = work.resolve("local");

        List<String> submit = new ArrayList<>(List.of(sparkSubmit.toString(), "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--driver-memory", "1g",
                "--class", LakeCommand.class.getName(), System.getProperty("eventlake.spark-jar")));
        submit.addAll(bronzeArgs(topic, submitted));
        Run viaSubmit = run(submit, work.resolve("spark-submit.log"), sparkHome);

        Run viaLocal = run(LocalPath.command(bronzeArgs(topic, local)), work.resolve("local.log"), null);

        assertEquals(0, viaSubmit.status(), "spark-submit failed:\n" + viaSubmit.output());
        assertEquals(0, viaLocal.status(), "local path failed:\n" + viaLocal.output());
        String summary = "bronze run " + RUN_ID + ": 1200 records";
        assertTrue(viaSubmit.output().contains(summary), viaSubmit.output());
        assertTrue(viaLocal.output().contains(summary), viaLocal.output());

        SparkSession spark = TestSpark.session();
        String[] columns = {"topic", "partition", "offset", "key", "value", "event_id", "event_type",
                "schema_version", "occurred_at", "producer", "correlation_id", "is_valid", "run_id"};
        Dataset<Row> a = spark.read().format("delta").load(submitted.resolve("bronze/events").toString())
                .selectExpr(columns);
        Dataset<Row> b = spark.read().format("delta").load(local.resolve("bronze/events").toString())
                .selectExpr(columns);
        assertEquals(sent.total(), a.count());
        assertEquals(sent.expectedValid(), a.where("is_valid").count());
        assertEquals(0, a.exceptAll(b).count() + b.exceptAll(a).count(), "identical bronze events");

        String[] quarantineColumns = {"topic", "partition", "offset", "value", "reason_code", "reasons"};
        Dataset<Row> qa = spark.read().format("delta").load(submitted.resolve("bronze/quarantine").toString())
                .selectExpr(quarantineColumns);
        Dataset<Row> qb = spark.read().format("delta").load(local.resolve("bronze/quarantine").toString())
                .selectExpr(quarantineColumns);
        assertEquals(sent.total() - sent.expectedValid(), qa.count());
        assertEquals(0, qa.exceptAll(qb).count() + qb.exceptAll(qa).count(), "identical quarantine");
    }

    private static List<String> bronzeArgs(String topic, Path lakeRoot) {
        return List.of("bronze", "--available-now", "--run-id", RUN_ID,
                "--set", "lake-root=\"" + lakeRoot + "\"",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "kafka.max-offsets-per-trigger=500",
                "--set", "spark.catalog=in-memory",
                "--set", "spark.shuffle-partitions=2");
    }

    record Run(int status, String output) {
    }

    private static Run run(List<String> command, Path log, Path sparkHome) throws IOException, InterruptedException {
        ProcessBuilder builder = LocalPath.builder(command, log);
        if (sparkHome != null) {
            builder.environment().put("SPARK_HOME", sparkHome.toString());
        }
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command.subList(0, 3)) + " timed out; log: " + log);
        }
        return new Run(process.exitValue(), Files.readString(log));
    }
}
