package io.eventlake.devtools;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Exactly once across a crash: the continuous bronze job, in a process of its own, is killed with SIGKILL in the
 * middle of the stream and restarted with --available-now. Every offset lands once; the quarantine holds exactly
 * the faulty events sent, per reason.
 */
@Tag("e2e")
class BronzeKillIT {
    private static final int EVENTS = 3000;

    @Test
    void aJobKilledMidStreamAndRestartedNeitherLosesNorDuplicatesARecord() throws Exception {
        String topic = TestKafka.newTopic("kill", 3);
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.VALID) {
                faults.put(kind, 0.04);
            }
        }
        GenerationReport sent = new KafkaEventWriter(TestKafka.bootstrapServers()).send(topic, 3,
                new EventGenerator(new GeneratorSettings(EVENTS, 0, 17, 3, faults),
                        ContractRegistry.load(ContractRegistry.CLASSPATH)), 0);
        Path lake = TestSpark.tempDir("kill");
        String events = lake.resolve("bronze/events").toString();
        SparkSession spark = TestSpark.session();

        Process continuous = LocalPath.builder(LocalPath.command(args(topic, lake, "bronze",
                "--set", "kafka.max-offsets-per-trigger=150", "--set", "bronze.trigger-interval=100ms")),
                lake.resolve("continuous.log")).start();
        long landedAtKill;
        try {
            long deadline = System.currentTimeMillis() + 180_000;
            while (commits(lake.resolve("bronze/events")) < 5) { // ~600 of 3000 records in
                assertTrue(continuous.isAlive(), "bronze exited early, see " + lake.resolve("continuous.log"));
                assertTrue(System.currentTimeMillis() < deadline, "bronze made no progress in 3 minutes, "
                        + commits(lake.resolve("bronze/events")) + " commits; see " + lake.resolve("continuous.log"));
                Thread.sleep(100);
            }
        } finally {
            continuous.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
            continuous.waitFor(30, TimeUnit.SECONDS);
        }
        landedAtKill = landed(spark, events);
        assertTrue(landedAtKill < EVENTS, "killed mid-stream, after " + landedAtKill + " of " + EVENTS);

        Process restart = LocalPath.builder(LocalPath.command(args(topic, lake, "bronze", "--available-now")),
                lake.resolve("restart.log")).start();
        assertTrue(restart.waitFor(5, TimeUnit.MINUTES), "restart timed out");
        assertEquals(0, restart.exitValue(), Files.readString(lake.resolve("restart.log")));

        Dataset<Row> bronze = spark.read().format("delta").load(events);
        assertEquals(EVENTS, bronze.count());
        assertEquals(EVENTS, bronze.select("partition", "offset").distinct().count());
        for (Row partition : bronze.groupBy("partition").agg(min("offset"), max("offset"), count("offset"))
                .collectAsList()) {
            assertEquals(0L, partition.getLong(1), "offsets start at 0 in partition " + partition.get(0));
            assertEquals(partition.getLong(3) - 1, partition.getLong(2), "no gap in partition " + partition.get(0));
        }
        assertEquals(sent.expectedValid(), bronze.where(col("is_valid")).count());
        Map<String, Long> quarantined = new TreeMap<>();
        for (Row row : spark.read().format("delta").load(lake.resolve("bronze/quarantine").toString())
                .groupBy("reason_code").count().collectAsList()) {
            quarantined.put(row.getString(0), row.getLong(1));
        }
        assertEquals(sent.expectedQuarantine(), quarantined);
    }

    /** Data commits in a Delta table's log (version 0 creates the table). */
    private static long commits(Path table) throws java.io.IOException {
        Path log = table.resolve("_delta_log");
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (var files = Files.list(log)) {
            return Math.max(0, files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count() - 1);
        }
    }

    private static long landed(SparkSession spark, String events) {
        return spark.read().format("delta").load(events).count();
    }

    private static List<String> args(String topic, Path lake, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--set", "lake-root=\"" + lake + "\"",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "spark.catalog=in-memory",
                "--set", "spark.shuffle-partitions=2"));
        return args;
    }
}
