package io.eventlake.devtools.bench;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.bronze.BronzeLayer;
import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.kafka.KafkaTopics;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTableLocations;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.gold.live.InventoryDrift;
import io.eventlake.gold.live.InventoryReconciliation;
import io.eventlake.gold.live.KafkaPositionSink;
import io.eventlake.gold.live.LiveInventoryJob;
import io.eventlake.gold.live.LiveSettings;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.quality.MetricsHistory;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.fact.SilverInventoryMovementsJob;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Operational freshness: from an inventory event on the input topic to its low-stock alert on the alerts topic,
 * while the continuous pipeline runs (bronze, silver inventory movements and order lines, inventory positions) beside
 * the fast path ({@link LiveInventoryJob}), on a broker of its own. The first copy of an alert on the topic counts
 * (the fast path's; the analytical path publishes only what the topic lacks); after the measurement the analytical
 * path must catch up to the same alerts, and {@link InventoryReconciliation} must find no drift. Each measured position gets a restock of 20 units, then a shrinkage of 15 that crosses the threshold of 10;
 * the clock runs from sending the shrinkage to the alert's arrival on the topic. One pair every
 * {@code pace}, after a warm-up pair; prints the median, 95th percentile and maximum.
 *
 * @param alerts  measured crossings (at least 50 for a meaningful 95th percentile)
 * @param trigger the micro-batch interval of every query
 * @param pace    time between two measured pairs
 */
public record AlertFreshnessBenchmark(int alerts, Duration trigger, Duration pace) {
    private static final String INPUT = "bench.inventory";
    private static final String ALERTS = "bench.alerts";
    private static final String POSITIONS = "bench.positions";

    /** The measured latencies, in milliseconds, sorted. */
    public record Result(List<Long> millis) {
        public long percentile(double p) {
            return millis.get(Math.min(millis.size() - 1, (int) Math.ceil(p * millis.size()) - 1));
        }
    }

    public Result run(LakeSettings settings, DevSettings dev, ContractRegistry contracts, Function<LakeSettings, SparkSession> sessions,
                      PrintWriter out) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the benchmark (it runs a local broker)", "lake-data");
        }
        Path root = settings.localDir("bench-freshness");
        LocalDirs.deleteRecursively(root);
        List<StreamingQuery> queries = new ArrayList<>();
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.onFreePorts(
                root.resolve("_kafka"), dev.localKafka().classpathFile(), dev.localKafka().maxHeap()))) {
            KafkaTopics.ensure(broker.bootstrapServers(), INPUT, 1);
            KafkaTopics.ensure(broker.bootstrapServers(), ALERTS, 1);
            SparkSession spark = sessions.apply(settings.withLakeRoot(root.toString()));
            Function<String, TableLocation> table = name -> new TableLocation("bench_fresh." + name,
                    root.resolve(name).toString());
            String checkpoints = root.resolve("_checkpoints").toString();
            BronzeSettings bronze = new BronzeSettings(new KafkaSourceSettings(broker.bootstrapServers(),
                    List.of(INPUT), "earliest", 10_000, Map.of()), table.apply("events"), table.apply("quarantine"),
                    checkpoints, trigger);
            SilverTableLocations silverTables = new SilverTableLocations(table.apply("orders"),
                    table.apply("order_lines"), table.apply("payments"), table.apply("returns"),
                    table.apply("inventory_movements"), table.apply("customers"), table.apply("customers_current"),
                    table.apply("silver_quarantine"));
            SilverSettings silver = new SilverSettings(bronze.events(), silverTables.catalog(), checkpoints, trigger,
                    SilverSettings.DEFAULT_MAX_FILES_PER_TRIGGER);
            SilverContext context = new SilverContext(silver, contracts, PiiTokenizer.fromEnvironment(
                    Map.of(PiiTokenizer.KEY_VARIABLE, "benchmark-only-key-0123456789abcdef0123")),
                    new SilverRunMetrics(), QualityGates.none(new MetricsHistory(root.resolve("_quality").toString()),
                    table.apply("gate_results")));
            GoldSettings gold = new GoldSettings(silverTables, new GoldTableLocations(table.apply("daily_store_sales"),
                    table.apply("customer_features"), table.apply("inventory_positions"),
                    table.apply("inventory_alerts")), settings.gold().features());
            InventorySettings inventory = new InventorySettings(10, Map.of(), broker.bootstrapServers(), ALERTS,
                    Map.of());
            LiveSettings live = new LiveSettings(true, bronze.kafka(), checkpoints + "/fast",
                    settings.live().triggerInterval(), settings.live().dedupWindow(), POSITIONS,
                    settings.live().statePartitions());
            Map<String, Long> arrived = new ConcurrentHashMap<>();
            AtomicBoolean listening = new AtomicBoolean(true);
            try (KafkaAlertSink sink = new KafkaAlertSink(inventory);
                 KafkaAlertSink fastSink = new KafkaAlertSink(inventory);
                 KafkaPositionSink positions = new KafkaPositionSink(inventory, POSITIONS);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                         broker.bootstrapServers(), "linger.ms", 0), new ByteArraySerializer(),
                         new ByteArraySerializer())) {
                queries.add(new LiveInventoryJob(live, inventory, new EventValidator(contracts), context, fastSink,
                        positions).start(spark, StreamMode.CONTINUOUS));
                queries.addAll(new BronzeLayer(bronze, new EventValidator(contracts), "bench-freshness",
                        Clock.systemUTC()).startContinuous(spark));
                queries.add(new SilverInventoryMovementsJob(context).start(spark, StreamMode.CONTINUOUS));
                queries.add(new SilverOrderLinesJob(context).start(spark, StreamMode.CONTINUOUS));
                queries.add(new InventoryPositionsJob(gold, inventory, sink, checkpoints + "/inventory",
                        trigger).start(spark, StreamMode.CONTINUOUS));
                Thread listener = new Thread(() -> listen(broker.bootstrapServers(), arrived, listening),
                        "alert-listener");
                listener.setDaemon(true);
                listener.start();
                out.printf("continuous pipeline up: %d queries (fast path trigger %d ms, the others %d ms); "
                        + "warming up%n", queries.size(), live.triggerInterval().toMillis(), trigger.toMillis());
                out.flush();

                awaitAlert(send(producer, "warmup"), arrived, Duration.ofMinutes(3));
                Map<String, Long> sent = new ConcurrentHashMap<>();
                for (int i = 0; i < alerts; i++) {
                    String position = "S900:SKU-B" + i;
                    sent.put(position, send(producer, position));
                    Thread.sleep(pace.toMillis()); // the send rate of the measurement, not a wait for a result
                }
                awaitArrival(arrived, () -> arrived.keySet().containsAll(sent.keySet()), Duration.ofMinutes(3));
                List<Long> millis = new ArrayList<>();
                sent.forEach((position, at) -> {
                    Long seen = arrived.get(position);
                    if (seen != null) {
                        millis.add(seen - at);
                    }
                });
                Collections.sort(millis);
                Result result = new Result(millis);
                out.printf("%d of %d alerts on the topic; event -> alert latency: median %d ms, p95 %d ms, max %d ms "
                                + "(target p95 <= 2000 ms)%n", millis.size(), alerts, result.percentile(0.5),
                        result.percentile(0.95), millis.get(millis.size() - 1));
                out.flush();
                printBatches(queries.get(0), out);
                reconcile(spark, queries.subList(1, queries.size()), inventory, gold, alerts + 1, out);
                return result;
            } finally {
                Queries.stopAll(queries); // before the broker goes
                listening.set(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Queries.stopAll(queries);
            LocalDirs.deleteRecursively(root);
        }
    }

    /** Where the fast path's micro-batches spend their time: the median of each phase over its recent batches. */
    private static void printBatches(StreamingQuery fastPath, PrintWriter out) {
        var progress = java.util.Arrays.stream(fastPath.recentProgress())
                .filter(p -> p.numInputRows() > 0).toList();
        if (progress.isEmpty()) {
            return;
        }
        StringBuilder phases = new StringBuilder();
        for (String phase : List.of("triggerExecution", "latestOffset", "queryPlanning", "walCommit", "getBatch",
                "addBatch", "commitOffsets")) {
            List<Long> ms = progress.stream().map(p -> p.durationMs().get(phase)).filter(java.util.Objects::nonNull)
                    .map(Long::valueOf).sorted().toList();
            if (!ms.isEmpty()) {
                phases.append(String.format(" %s %d", phase, ms.get(ms.size() / 2)));
            }
        }
        out.printf("fast path: %d batches with input; median ms:%s%n", progress.size(), phases);
    }

    /**
     * Drains the analytical path (each query in pipeline order, so each processes what the one before wrote), then
     * prints what it recorded and what the reconciliation finds (nothing, when the paths agree).
     */
    private static void reconcile(SparkSession spark, List<StreamingQuery> analytical, InventorySettings inventory,
                                  GoldSettings gold, int expected, PrintWriter out) {
        long started = System.currentTimeMillis();
        analytical.forEach(StreamingQuery::processAllAvailable);
        long recorded = spark.read().format("delta").load(gold.tables().inventoryAlerts().path()).count();
        InventoryDrift drift = new InventoryReconciliation(inventory, POSITIONS, gold.tables().inventoryPositions(),
                gold.tables().inventoryAlerts()).compare(spark);
        out.printf("analytical path: %d of %d alerts in %s after %d s; reconciliation: %s%n", recorded, expected,
                gold.tables().inventoryAlerts().name(), (System.currentTimeMillis() - started) / 1000,
                drift.isEmpty() ? "no drift" : drift.describe().size() + " drifted keys");
        drift.describe().stream().limit(10).forEach(line -> out.println("  " + line));
        out.flush();
    }

    /** Sends the restock and the crossing shrinkage of {@code position} ({@code store:sku}); returns when sent. */
    private static long send(KafkaProducer<byte[], byte[]> producer, String position) throws InterruptedException {
        String[] parts = position.contains(":") ? position.split(":") : new String[] {"S901", position};
        producer.send(record(parts[0], parts[1], 20, "RESTOCK"));
        producer.flush();
        long at = System.currentTimeMillis();
        producer.send(record(parts[0], parts[1], -15, "SHRINKAGE"));
        producer.flush();
        return at;
    }

    private static ProducerRecord<byte[], byte[]> record(String store, String sku, int delta, String reason) {
        String json = "{\"event_id\": \"" + java.util.UUID.randomUUID() + "\", \"event_type\": \"inventory_adjusted\","
                + " \"schema_version\": 1, \"occurred_at\": \"" + Instant.now() + "\", \"producer\": \"bench\","
                + " \"payload\": {\"store_id\": \"" + store + "\", \"sku\": \"" + sku + "\", \"quantity_delta\": "
                + delta + ", \"reason\": \"" + reason + "\"}}";
        return new ProducerRecord<>(INPUT, (store + ":" + sku).getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitAlert(long sentAt, Map<String, Long> arrived, Duration timeout)
            throws InterruptedException {
        awaitArrival(arrived, () -> !arrived.isEmpty(), timeout);
        if (arrived.isEmpty()) {
            throw new IllegalStateException("no alert within " + timeout.toSeconds() + " s of the warm-up event");
        }
    }

    /** Waits, without polling, until {@code done} holds or {@code timeout} passes; the listener notifies. */
    private static void awaitArrival(Map<String, Long> arrived, java.util.function.BooleanSupplier done,
                                     Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        synchronized (arrived) {
            while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
                arrived.wait(Math.max(1, deadline - System.currentTimeMillis()));
            }
        }
    }

    /** Records when each position's alert arrives (the record key is {@code store:sku}). */
    private static void listen(String bootstrapServers, Map<String, Long> arrived, AtomicBoolean listening) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(ALERTS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (listening.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    synchronized (arrived) {
                        arrived.putIfAbsent(new String(record.key(), StandardCharsets.UTF_8),
                                System.currentTimeMillis());
                        arrived.notifyAll();
                    }
                }
            }
        }
    }
}
