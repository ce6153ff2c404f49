package io.eventlake.devtools.bench;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.bronze.BronzeLayer;
import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.errors.LakeErrors;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.table.TableLocation;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Bronze ingest against a bare Kafka-to-Delta stream on the same topic, in the same run: (a) a plain
 * {@code readStream} kafka to {@code writeStream} delta keeping the value as binary, (b) our bronze layer (one
 * query landing both tables from each validated micro-batch). Both
 * available-now, same {@code maxOffsetsPerTrigger}, fresh tables and checkpoints, after a warm-up of both on a
 * small topic. Prints events/s of each and the ratio ours/bare.
 *
 * @param events   events in the measured topic
 * @param rounds   measured rounds (each runs both on fresh tables, alternating which goes first; the median
 *                 ratio is reported)
 */
public record BronzeBenchmark(long events, int rounds) {

    /** One measurement. */
    public record Result(double bareEventsPerSecond, double oursEventsPerSecond) {
        public double ratio() {
            return oursEventsPerSecond / bareEventsPerSecond;
        }
    }

    public Result run(LakeSettings settings, DevSettings dev, ContractRegistry contracts,
                      Function<LakeSettings, SparkSession> sessions, PrintStream out) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the benchmark (it runs a local broker)", "lake-data");
        }
        Path root = settings.localDir("bench");
        LocalDirs.deleteRecursively(root);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.onFreePorts(
                root.resolve("_kafka"), dev.localKafka().classpathFile(), "1g"))) {
            KafkaEventWriter writer = new KafkaEventWriter(broker.bootstrapServers());
            int partitions = dev.generator().partitions();
            long fillStart = System.nanoTime();
            GenerationReport measured = writer.send("bench.measured", partitions,
                    new EventGenerator(dev.generator().withCount(events), contracts), 0);
            out.printf("Filled 'bench.measured' with %d events (%d invalid) in %.1f s%n", measured.total(),
                    measured.total() - measured.expectedValid(), seconds(fillStart));
            writer.send("bench.warmup", partitions,
                    new EventGenerator(dev.generator().withCount(Math.min(events, 20_000)).withSeed(7), contracts),
                    0);

            LakeSettings bench = settings.withLakeRoot(root.toString());
            SparkSession spark = sessions.apply(bench);
            long maxOffsets = settings.kafka().maxOffsetsPerTrigger();
            out.printf("maxOffsetsPerTrigger=%d, %d partitions, master %s%n", maxOffsets, partitions,
                    spark.sparkContext().master());

            bare(spark, broker, "bench.warmup", root.resolve("warmup-bare"), maxOffsets);
            ours(spark, broker, "bench.warmup", root.resolve("warmup-ours"), maxOffsets, contracts, "warmup");

            // Alternate which side runs first (odd rounds bare first, even rounds ours first) and report the median
            // ratio: neither side always inherits a warm cache or a cold JIT, and one lucky round does not decide.
            List<Result> results = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double bare;
                double ours;
                if (round % 2 == 1) {
                    bare = events / bare(spark, broker, "bench.measured", root.resolve("bare-" + round), maxOffsets);
                    ours = events / ours(spark, broker, "bench.measured", root.resolve("ours-" + round), maxOffsets,
                            contracts, "r" + round);
                } else {
                    ours = events / ours(spark, broker, "bench.measured", root.resolve("ours-" + round), maxOffsets,
                            contracts, "r" + round);
                    bare = events / bare(spark, broker, "bench.measured", root.resolve("bare-" + round), maxOffsets);
                }
                Result result = new Result(bare, ours);
                results.add(result);
                out.printf("round %d (%s first): bare %.0f events/s, bronze %.0f events/s, ratio %.2f%n", round,
                        round % 2 == 1 ? "bare" : "bronze", bare, ours, result.ratio());
            }
            results.sort(java.util.Comparator.comparingDouble(Result::ratio));
            Result median = results.get((results.size() - 1) / 2);
            out.printf("bronze/bare ratio: %.2f, the median of %d rounds (bare Kafka->Delta %.0f events/s, eventlake "
                            + "bronze %.0f events/s, %d events; target >= 0.9)%n", median.ratio(), results.size(),
                    median.bareEventsPerSecond(), median.oursEventsPerSecond(), events);
            return median;
        } finally {
            LocalDirs.deleteRecursively(root);
        }
    }

    /** Seconds for a bare kafka -> delta stream, value kept as binary. */
    private static double bare(SparkSession spark, LocalKafkaBroker broker, String topic, Path dir, long maxOffsets) {
        long start = System.nanoTime();
        try {
            spark.readStream().format("kafka")
                    .option("kafka.bootstrap.servers", broker.bootstrapServers())
                    .option("subscribe", topic)
                    .option("startingOffsets", "earliest")
                    .option("maxOffsetsPerTrigger", maxOffsets)
                    .option("failOnDataLoss", true)
                    .load()
                    .writeStream()
                    .format("delta")
                    .option("checkpointLocation", dir.resolve("checkpoint").toString())
                    .trigger(Trigger.AvailableNow())
                    .start(dir.resolve("table").toString())
                    .awaitTermination();
        } catch (StreamingQueryException e) {
            throw LakeErrors.streamFailed("bench.bare", dir.toString(), e);
        }
        return seconds(start);
    }

    /** Seconds for our bronze job on the topic. */
    private static double ours(SparkSession spark, LocalKafkaBroker broker, String topic, Path dir, long maxOffsets,
                               ContractRegistry contracts, String name) {
        BronzeSettings settings = new BronzeSettings(
                new KafkaSourceSettings(broker.bootstrapServers(), List.of(topic), "earliest", maxOffsets,
                        java.util.Map.of()),
                new TableLocation("bench_" + name + ".events", dir.resolve("events").toString()),
                new TableLocation("bench_" + name + ".quarantine", dir.resolve("quarantine").toString()),
                dir.resolve("checkpoints").toString(), Duration.ofSeconds(1));
        long start = System.nanoTime();
        new BronzeLayer(settings, new EventValidator(contracts), "bench-" + name, Clock.systemUTC())
                .runAvailableNow(spark);
        return seconds(start);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
