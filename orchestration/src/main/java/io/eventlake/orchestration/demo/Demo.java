package io.eventlake.orchestration.demo;

import io.eventlake.bronze.BronzeLayer;
import io.eventlake.bronze.Queries;
import io.eventlake.bronze.StreamMode;
import io.eventlake.bronze.BronzeRunStats;
import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.bronze.kafka.LocalKafkaBroker;
import io.eventlake.bronze.validate.EventValidator;
import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldLayer;
import io.eventlake.gold.RefreshResult;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.orchestration.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.generate.EventGenerator;
import io.eventlake.orchestration.generate.GenerationReport;
import io.eventlake.orchestration.generate.KafkaEventWriter;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverLayer;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The whole pipeline on embedded defaults, in a lake folder of its own ({@code <lake-root>/demo}, emptied first)
 * and with a broker of its own on free ports: generate events with every fault kind, run bronze available-now,
 * reconcile, run every silver job and reconcile each table with bronze, refresh gold and show its top rows,
 * print where the tables are, stop the broker. Personal fields are tokenized with the key given (a throw-away one unless the environment has one).
 */
public final class Demo {
    private final LakeSettings settings;
    private final ContractRegistry contracts;
    private final Function<LakeSettings, SparkSession> sessions;
    private final PiiTokenizer tokenizer;
    private final PrintWriter out;

    public Demo(LakeSettings settings, ContractRegistry contracts, PiiTokenizer tokenizer,
                Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.contracts = contracts;
        this.sessions = sessions;
        this.out = out;
    }

    /** Runs the demo; fails with {@code RECONCILIATION_FAILED} when the numbers do not add up. */
    public BronzeReconciliation run(long count) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the demo (it runs a local broker and writes local tables)");
        }
        Path root = settings.localDir("demo");
        LocalDirs.deleteRecursively(root);
        String topic = settings.kafka().topics().get(0);
        long started = System.nanoTime();
        out.println("eventlake demo: lake at " + root);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.onFreePorts(root.resolve("_kafka"),
                settings.localKafka().classpathFile(), settings.localKafka().maxHeap()))) {
            out.printf("1. Kafka broker (KRaft, pid %d) on %s%n", broker.pid(), broker.bootstrapServers());

            GenerationReport report = new KafkaEventWriter(broker.bootstrapServers()).send(topic,
                    settings.generator().partitions(),
                    new EventGenerator(settings.generator().withCount(count), contracts), 0);
            out.print("2. " + report.render());

            LakeSettings demo = settings.withLakeRoot(root.toString()).withKafka(new KafkaSourceSettings(
                    broker.bootstrapServers(), List.of(topic), "earliest",
                    settings.kafka().maxOffsetsPerTrigger(), settings.kafka().options()));
            SparkSession spark = sessions.apply(demo);
            BronzeSettings bronze = demo.bronze();
            String runId = "demo-" + UUID.randomUUID();
            BronzeLayer layer = new BronzeLayer(bronze, new EventValidator(contracts), runId, Clock.systemUTC());
            layer.runAvailableNow(spark);
            BronzeRunStats stats = layer.stats(spark);
            out.printf("3. Bronze (available-now, run %s): %d records, %d quarantined%n", runId, stats.records(),
                    stats.quarantined());

            BronzeReconciliation reconciliation = BronzeReconciliation.of(spark, bronze, report);
            out.print("4. " + reconciliation.render());

            SilverLayer silver = new SilverLayer(new SilverContext(demo.silver(), contracts, tokenizer,
                    new SilverRunMetrics(), demo.qualityGates()));
            silver.runAvailableNow(spark);
            List<SilverReconciliation> silverTables = SilverReconciliation.all(spark, demo.silver());
            out.println("5. Silver (available-now), each table against bronze (late: more than "
                    + SilverReconciliation.LATENESS.toMinutes() + " min behind earlier arrivals, kept):");
            silverTables.forEach(table -> out.print("     " + table.render()));
            out.println("6. Gold (refresh from silver's change feed):");
            for (RefreshResult result : new GoldLayer(demo.gold(), demo.qualityGates()).refresh(spark, false)) {
                out.println("     " + result);
            }
            out.println("   gold.daily_store_sales, top 5 slices by net revenue:");
            out.print(GoldPreview.topSales(spark, demo.gold().tables().dailyStoreSales(), 5));
            out.println("   gold.customer_features, a few rows (features from events before feature_date only):");
            out.print(GoldPreview.features(spark, demo.gold().tables().customerFeatures(), 4));
            long alerts;
            try (KafkaAlertSink sink = new KafkaAlertSink(demo.inventory())) {
                InventoryPositionsJob inventory = new InventoryPositionsJob(demo.gold(), demo.inventory(), sink,
                        demo.silver().checkpoint(InventoryPositionsJob.NAME), demo.silver().triggerInterval());
                Queries.await(inventory.start(spark, StreamMode.AVAILABLE_NOW), InventoryPositionsJob.NAME,
                        demo.silver().checkpoint(InventoryPositionsJob.NAME));
                alerts = inventory.alertsRaised();
            }
            out.printf("   gold.inventory_positions: %d low-stock alerts raised, published to topic '%s' on %s:%n",
                    alerts, demo.inventory().alertsTopic(), demo.inventory().bootstrapServers());
            out.print(GoldPreview.alerts(spark, demo.gold().tables().inventoryAlerts(), 5));
            out.println("7. Tables:");
            List<TableLocation> tables = new ArrayList<>(List.of(bronze.events(), bronze.quarantine()));
            SilverTableLocations t = demo.silver().tables();
            tables.addAll(List.of(t.orders(), t.orderLines(), t.payments(), t.returns(), t.inventoryMovements(),
                    t.customers(), t.customersCurrent(), t.quarantine(), demo.gold().tables().dailyStoreSales(),
                    demo.gold().tables().customerFeatures(), demo.gold().tables().inventoryPositions(),
                    demo.gold().tables().inventoryAlerts()));
            for (TableLocation table : tables) {
                out.printf("     %-27s %s%n", table.name(), table.path());
            }
            out.println("   Read them from Spark with spark.read.format(\"delta\").load(\"<path>\"), e.g.");
            out.println("     SELECT reason_code, count(*) FROM delta.`" + bronze.quarantine().path()
                    + "` GROUP BY reason_code");
            if (!reconciliation.mismatches().isEmpty()) {
                throw LakeErrors.reconciliationFailed(reconciliation.mismatches());
            }
            List<String> silverMismatches = silverTables.stream().filter(table -> !table.addsUp())
                    .map(table -> table.render().trim()).toList();
            if (!silverMismatches.isEmpty()) {
                throw LakeErrors.reconciliationFailed(silverMismatches);
            }
            out.printf("Demo finished in %.1f s; the broker is stopped.%n", (System.nanoTime() - started) / 1e9);
            out.flush();
            return reconciliation;
        }
    }

}
