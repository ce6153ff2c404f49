package io.eventlake.devtools.bench;

import io.eventlake.devtools.config.DevSettings;
import static org.apache.spark.sql.functions.col;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.errors.LakeErrors;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratedEvent;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.quality.Gate;
import io.eventlake.quality.MetricsHistory;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.StructType;

/**
 * Silver's de-duplicating MERGE against a plain append, on the same pre-filled bronze, in the same run. For each
 * duplicate rate, bronze is filled with generated events (no other faults) written by the real bronze transform;
 * then, both as available-now Delta streams over that bronze in ten micro-batches (so the MERGE meets a growing
 * table, as it does in production): (a) a plain append of the conformed
 * {@code silver.orders} rows, (b) {@link SilverOrdersJob} (per-batch de-duplication, insert-only MERGE, quarantine,
 * metrics). A warm-up of both runs first. Prints seconds of each and the ratio ours/plain (time).
 *
 * @param events          events in bronze per duplicate rate (about a third are orders)
 * @param duplicateRates  shares of events that repeat an earlier event
 */
public record SilverBenchmark(long events, List<Double> duplicateRates) {
    private static final StructType KAFKA = new StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());
    /** Bronze is written as this many files and read two per micro-batch: ten batches, the table growing. */
    private static final int BRONZE_FILES = 20;
    private static final int FILES_PER_BATCH = 2;
    private static final int BATCHES = BRONZE_FILES / FILES_PER_BATCH;
    private static final PiiTokenizer TOKENIZER = PiiTokenizer.fromEnvironment(
            Map.of(PiiTokenizer.KEY_VARIABLE, "benchmark-only-key-0123456789abcdef0123"));

    /** One duplicate rate's measurement. */
    public record Result(double duplicateRate, long rows, double plainSeconds, double oursSeconds,
                         double gatedSeconds) {
        /** Our time with the shipped gate over the plain append's: 1.0 is as fast, 2.0 twice as slow. */
        public double ratio() {
            return gatedSeconds / plainSeconds;
        }

        /** What the gate adds to each micro-batch. */
        public double gateSecondsPerBatch() {
            return (gatedSeconds - oursSeconds) / BATCHES;
        }
    }

    public List<Result> run(LakeSettings settings, DevSettings dev, ContractRegistry contracts,
                            Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the benchmark", "lake-data");
        }
        Path root = settings.localDir("bench-silver");
        LocalDirs.deleteRecursively(root);
        try {
            SparkSession spark = sessions.apply(settings.withLakeRoot(root.toString()));
            out.printf("master %s, %d events per duplicate rate, silver.orders%n", spark.sparkContext().master(),
                    events);
            out.flush();
            measure(spark, settings, dev, contracts, root.resolve("warmup"), "warmup", Math.min(events, 20_000), 0.05);
            List<Result> results = new ArrayList<>();
            for (double rate : duplicateRates) {
                String name = "d" + Math.round(rate * 100);
                Result result = measure(spark, settings, dev, contracts, root.resolve(name), name, events, rate);
                out.printf("duplicates %3.0f%%: %d rows; plain append %.1f s, silver MERGE %.1f s without the gate"
                                + " (x%.2f), %.1f s with the shipped silver.orders gate: ratio %.2f; the gate adds %.2f s"
                                + " per micro-batch (%d batches)%n",
                        rate * 100, result.rows(), result.plainSeconds(), result.oursSeconds(),
                        result.oursSeconds() / result.plainSeconds(), result.gatedSeconds(), result.ratio(),
                        result.gateSecondsPerBatch(), BATCHES);
                out.flush();
                results.add(result);
            }
            return results;
        } finally {
            LocalDirs.deleteRecursively(root);
        }
    }

    private static Result measure(SparkSession spark, LakeSettings settings, DevSettings dev,
                                  ContractRegistry contracts, Path dir,
                                  String name, long events, double duplicateRate) {
        TableLocation bronze = new TableLocation("bench_" + name + ".events", dir.resolve("bronze").toString());
        fillBronze(spark, dev.generator(), contracts, bronze, events, duplicateRate);
        double plain = plainAppend(spark, contracts, bronze, dir.resolve("plain"));
        SilverRunMetrics metrics = new SilverRunMetrics();
        double ours = runOrders(spark, contracts, bronze, dir.resolve("job"), name, metrics, null);
        Gate shipped = settings.qualityGates().gate(settings.silver().tables().orders().name());
        double gated = runOrders(spark, contracts, bronze, dir.resolve("gated"), name + "g", new SilverRunMetrics(),
                shipped);
        return new Result(duplicateRate, metrics.totals(SilverOrdersJob.NAME).written(), plain, ours, gated);
    }

    /** Times {@code SilverOrdersJob} over the whole bronze table, with the rules of {@code gate} when given. */
    private static double runOrders(SparkSession spark, ContractRegistry contracts, TableLocation bronze, Path dir,
                                    String name, SilverRunMetrics metrics, Gate gate) {
        SilverSettings silver = new SilverSettings(bronze, tables(name, dir).catalog(), dir.resolve("checkpoints").toString(),
                Duration.ofSeconds(1), FILES_PER_BATCH);
        QualityGates quality = QualityGates.none(new MetricsHistory(dir.resolve("_quality").toString()),
                new TableLocation("bench_" + name + "_quality.gate_results", dir.resolve("gate_results").toString()));
        if (gate != null) {
            quality = quality.with(new Gate(silver.tables().orders().name(), gate.rules()));
        }
        long start = System.nanoTime();
        try {
            new SilverOrdersJob(new SilverContext(silver, contracts, TOKENIZER, metrics, quality))
                    .start(spark, StreamMode.AVAILABLE_NOW).awaitTermination();
        } catch (StreamingQueryException e) {
            throw LakeErrors.streamFailed(SilverOrdersJob.NAME, silver.checkpoint(SilverOrdersJob.NAME), e);
        }
        return seconds(start);
    }

    /** Bronze as the bronze job writes it, from generated events with only duplicates as faults. */
    private static void fillBronze(SparkSession spark, GeneratorSettings base, ContractRegistry contracts,
                                   TableLocation bronze, long events, double duplicateRate) {
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        faults.put(FaultKind.DUPLICATE, duplicateRate);
        EventGenerator generator = new EventGenerator(
                new GeneratorSettings(events, 0, base.seed(), base.partitions(), faults), contracts);
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        long offset = 0;
        while (generator.hasNext()) {
            GeneratedEvent event = generator.next();
            rows.add(RowFactory.create(event.key().getBytes(StandardCharsets.UTF_8), event.value(), "bench",
                    (int) (offset % base.partitions()), offset / base.partitions(), now, 0, null));
            offset++;
        }
        BronzeTransforms.events(spark.createDataFrame(rows, KAFKA), new EventValidator(contracts), "bench",
                Instant.now()).repartition(BRONZE_FILES).write().format("delta").save(bronze.path());
    }

    /** Seconds for the baseline: the conformed order rows appended by an available-now Delta stream. */
    private static double plainAppend(SparkSession spark, ContractRegistry contracts, TableLocation bronze,
                                      Path dir) {
        long start = System.nanoTime();
        Dataset<Row> rows = SilverOrdersJob.orderRows(Conformance.accepted(Conformance.conform(
                        spark.readStream().format("delta").option("maxFilesPerTrigger", FILES_PER_BATCH)
                                .load(bronze.path()),
                        contracts.versions(SilverOrdersTable.EVENT_TYPE_NAME), TOKENIZER)))
                .select(Arrays.stream(SilverOrdersTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
        try {
            rows.writeStream().format("delta")
                    .option("checkpointLocation", dir.resolve("checkpoint").toString())
                    .partitionBy(SilverOrdersTable.EVENT_DATE)
                    .trigger(Trigger.AvailableNow())
                    .start(dir.resolve("table").toString())
                    .awaitTermination();
        } catch (StreamingQueryException e) {
            throw LakeErrors.streamFailed("bench.plain-append", dir.toString(), e);
        }
        return seconds(start);
    }

    private static SilverTableLocations tables(String name, Path dir) {
        Function<String, TableLocation> table = t -> new TableLocation("bench_" + name + "." + t,
                dir.resolve(t).toString());
        return new SilverTableLocations(table.apply("orders"), table.apply("order_lines"), table.apply("payments"),
                table.apply("returns"), table.apply("inventory_movements"), table.apply("customers"),
                table.apply("customers_current"), table.apply("quarantine"));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
