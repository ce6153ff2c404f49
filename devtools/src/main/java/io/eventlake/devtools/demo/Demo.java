package io.eventlake.devtools.demo;

import io.eventlake.bronze.BronzeLayer;
import io.eventlake.bronze.BronzeRunStats;
import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.devtools.config.DevSettings;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratedEvent;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.errors.LakeErrors;
import io.eventlake.errors.LakeException;
import io.eventlake.gold.GoldLayer;
import io.eventlake.gold.RefreshResult;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.orchestration.catalog.CatalogReader;
import io.eventlake.orchestration.catalog.CatalogSettings;
import io.eventlake.orchestration.catalog.CatalogSite;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.orchestration.runs.SilverReconciliation;
import io.eventlake.orchestration.runs.TableHistory;
import io.eventlake.orchestration.sqlserver.SqlServerSettings;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverLayer;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.TableLocation;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
    private final DevSettings dev;
    private final SqlServerSettings endpoint;
    private final CatalogSettings owners;
    private final ContractRegistry contracts;
    private final Function<LakeSettings, SparkSession> sessions;
    private final PiiTokenizer tokenizer;
    private final PrintWriter out;

    public Demo(LakeSettings settings, DevSettings dev, SqlServerSettings endpoint, CatalogSettings owners,
                ContractRegistry contracts, PiiTokenizer tokenizer, Function<LakeSettings, SparkSession> sessions,
                PrintWriter out) {
        this.settings = settings;
        this.owners = owners;
        this.endpoint = endpoint;
        this.dev = dev;
        this.tokenizer = tokenizer;
        this.contracts = contracts;
        this.sessions = sessions;
        this.out = out;
    }

    /**
     * How to query the demo's lake over SQL: the read-only endpoint with a JDBC client (the pyspark distribution's
     * beeline), and a one-shot query at a terminal; commands that run as printed, in the repository folder.
     */
    private void printSqlInstructions(LakeSettings demo) {
        String query = "SELECT store_id, sum(net_revenue) AS net_revenue FROM "
                + demo.gold().tables().dailyStoreSales().name() + " GROUP BY store_id ORDER BY store_id";
        // beeline -e runs what ends with ';' (without it, it waits for the rest of the statement)
        String lake = "--set lake-root=" + demo.lakeRoot() + " --set sql-server.port=" + endpoint.port();
        out.println("   Query them over SQL/JDBC (the read-only endpoint BI tools connect to), in the repository folder:");
        out.println("     export " + SqlServerSettings.PASSWORD_VARIABLE + "='change-me'    # any password; clients log "
                + "in as " + endpoint.user() + " with it");
        out.println("     ./lake sql-server start " + lake);
        out.println("     \"$(cat .venv/spark-home)/bin/beeline\" -u " + endpoint.jdbcUrl() + " -n " + endpoint.user()
                + " -p \"$" + SqlServerSettings.PASSWORD_VARIABLE + "\" -e \"" + query + ";\"");
        out.println("     ./lake sql-server stop " + lake);
        out.println("   or one query at a terminal, without the endpoint:");
        out.println("     ./lake sql \"" + query + "\" --set lake-root=" + demo.lakeRoot());
    }

    /** A line saying what the demo is doing now, before a step that takes a while. */
    private void progress(String doing) {
        out.printf("   ... %s (%.0f s in)%n", doing, (System.nanoTime() - startedNanos) / 1e9);
        out.flush();
    }

    /**
     * The commands to try next on the demo's lake, each as it runs in the repository folder (its lake root
     * included: the demo's lake is not the default one).
     */
    private void printNextCommands(LakeSettings demo) {
        String sales = demo.gold().tables().dailyStoreSales().name();
        out.println("9. Next, on this lake (each runs as printed, in the repository folder):");
        for (String command : nextCommands(demo.lakeRoot(), sales)) {
            out.println("     ./lake " + command);
        }
    }

    /** The follow-up commands on a demo lake at {@code lakeRoot} (shown relative to this folder when inside it). */
    public static List<String> nextCommands(String lakeRoot, String sales) {
        Path root = Path.of(lakeRoot);
        Path here = Path.of("").toAbsolutePath();
        String shown = root.startsWith(here) ? here.relativize(root).toString() : root.toString();
        String on = " --set lake-root=" + shown;
        return List.of("status" + on, "history " + sales + on, "show " + sales + " --version 1" + on,
                "lineage " + sales + " --version 3" + on, "maintain --dry-run --tables " + sales + on,
                "catalog --out " + shown + "/catalog" + on);
    }

    private long startedNanos = System.nanoTime();

    /** Runs the demo; fails with {@code RECONCILIATION_FAILED} when the numbers do not add up. */
    public BronzeReconciliation run(long count) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder for the demo (it runs a local broker and writes local tables)", "lake-data");
        }
        Path root = settings.localDir("demo");
        LocalDirs.deleteRecursively(root);
        String topic = settings.kafka().topics().get(0);
        long started = System.nanoTime();
        startedNanos = started;
        out.println("eventlake demo: lake at " + root);
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.onFreePorts(root.resolve("_kafka"),
                dev.localKafka().classpathFile(), dev.localKafka().maxHeap()))) {
            out.printf("1. Kafka broker (KRaft, pid %d) on %s%n", broker.pid(), broker.bootstrapServers());

            GenerationReport report = new KafkaEventWriter(broker.bootstrapServers()).send(topic,
                    dev.generator().partitions(),
                    new EventGenerator(dev.generator().withCount(count), contracts), 0);
            out.print("2. " + report.render());

            LakeSettings demo = settings.withLakeRoot(root.toString()).withKafka(new KafkaSourceSettings(
                    broker.bootstrapServers(), List.of(topic), "earliest",
                    settings.kafka().maxOffsetsPerTrigger(), settings.kafka().options()));
            SparkSession spark = sessions.apply(demo);
            BronzeSettings bronze = demo.bronze();
            AtomicReference<BronzeReconciliation> bronzeCheck = new AtomicReference<>();
            AtomicReference<List<SilverReconciliation>> silverCheck = new AtomicReference<>();
            Run.execute(spark, demo, "demo", "available-now", run -> {
                bronzeCheck.set(bronzeAndSilver(spark, demo, report, run));
                silverCheck.set(SilverReconciliation.all(spark, demo.silver()));
                out.println("5. Silver (available-now), each table against bronze (late: more than "
                        + SilverReconciliation.LATENESS.toMinutes() + " min behind earlier arrivals, kept):");
                silverCheck.get().forEach(table -> out.print("     " + table.render()));
                gold(spark, demo);
            });
            BronzeReconciliation reconciliation = bronzeCheck.get();
            List<SilverReconciliation> silverTables = silverCheck.get();
            quality(spark, demo, broker, topic);
            out.println("8. Tables:");
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
            out.println("   Read them from Python (delta-rs, polars, DuckDB; no Spark), in the repository folder:");
            out.println("     ./lake setup    # once: .venv with the readers of notebooks/requirements.txt");
            out.println("     .venv/bin/python notebooks/explore_gold.py " + demo.lakeRoot());
            out.println("     .venv/bin/python notebooks/read_every_version.py "
                    + demo.gold().tables().dailyStoreSales().path());
            printSqlInstructions(demo);
            progress("catalog: writing the pages of every table");
            Path catalog = CatalogSite.write(CatalogReader.read(spark, demo, owners, contracts, Instant.now()),
                    root.resolve("catalog"));
            printNextCommands(demo);
            out.println("10. Catalog of the lake (static pages, no server): open file://" + catalog);
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

    private BronzeReconciliation bronzeAndSilver(SparkSession spark, LakeSettings demo, GenerationReport report,
                                                 Run run) {
        BronzeSettings bronze = demo.bronze();
        BronzeLayer layer = new BronzeLayer(bronze, demo.validator(contracts), run.id(), Clock.systemUTC());
        progress("bronze: draining the topic into bronze.events and bronze.quarantine");
        layer.runAvailableNow(spark);
        BronzeRunStats stats = layer.stats(spark);
        out.printf("3. Bronze (available-now, run %s): %d records, %d quarantined%n", run.id(), stats.records(),
                stats.quarantined());
        BronzeReconciliation reconciliation = BronzeReconciliation.of(spark, bronze, report);
        out.print("4. " + reconciliation.render());
        progress("silver: seven streams from bronze, de-duplicated, tokenized, gated");
        new SilverLayer(new SilverContext(demo.silver(), contracts, tokenizer, new SilverRunMetrics(),
                demo.qualityGates())).runAvailableNow(spark);
        return reconciliation;
    }

    private void gold(SparkSession spark, LakeSettings demo) {
        progress("gold: refreshing from silver's change feed");
        out.println("6. Gold (refresh from silver's change feed, each version audited before it is published):");
        for (RefreshResult result : demo.goldLayer().refresh(spark, false)
                .throwIfFailed()) {
            out.println("     " + result);
        }
        out.println("   gold.daily_store_sales, top 5 slices by net revenue:");
        out.print(GoldPreview.topSales(spark, demo.gold().tables().dailyStoreSales(), 5));
        out.println("   gold.customer_features, a few rows (features from events before feature_date only):");
        out.print(GoldPreview.features(spark, demo.gold().tables().customerFeatures(), 4));
        long alerts;
        try (KafkaAlertSink sink = new KafkaAlertSink(demo.inventory())) {
            alerts = demo.goldLayer().refreshInventory(spark, sink);
        }
        out.printf("   gold.inventory_positions: %d low-stock alerts raised, published to topic '%s' on %s:%n",
                alerts, demo.inventory().alertsTopic(), demo.inventory().bootstrapServers());
        out.print(GoldPreview.alerts(spark, demo.gold().tables().inventoryAlerts(), 5));
    }

    /**
     * Step 7: the gates' verdicts so far, then two bad events injected (a negative payment, an order priced in
     * cents as if euros) run through bronze, silver and gold: the payment is quarantined by a rule, the gold
     * refresh fails its audit and the table is restored by itself; its history shows it.
     */
    private void quality(SparkSession spark, LakeSettings demo, LocalKafkaBroker broker, String topic) {
        out.println("7. Quality gates (conf/quality): verdicts of the run above, from "
                + demo.qualityGates().results().name() + ":");
        out.print(QualityReport.verdicts(spark, demo.qualityGates().results()));
        progress("quality: sending two bad events through bronze, silver and gold");
        String now = java.time.Instant.now().toString();
        String payment = "{\"event_id\": \"" + UUID.randomUUID() + "\", \"event_type\": \"payment_captured\", "
                + "\"schema_version\": 1, \"occurred_at\": \"" + now + "\", \"producer\": \"demo-injected\", "
                + "\"payload\": {\"payment_id\": \"P-INJECTED-1\", \"order_id\": \"O-INJECTED-1\", "
                + "\"amount\": -25.00, \"currency\": \"EUR\", \"method\": \"CARD\"}}";
        String order = "{\"event_id\": \"" + UUID.randomUUID() + "\", \"event_type\": \"order_placed\", "
                + "\"schema_version\": 1, \"occurred_at\": \"" + now + "\", \"producer\": \"demo-injected\", "
                + "\"payload\": {\"order_id\": \"O-INJECTED-1\", \"customer_id\": \"C00001\", \"store_id\": "
                + "\"S01\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"SKU-00001\", \"quantity\": 1, "
                + "\"unit_price\": 9999999.00}]}}";
        new KafkaEventWriter(broker.bootstrapServers()).send(topic, dev.generator().partitions(), List.of(
                new GeneratedEvent("O-INJECTED-1", payment.getBytes(StandardCharsets.UTF_8), FaultKind.VALID),
                new GeneratedEvent("O-INJECTED-1", order.getBytes(StandardCharsets.UTF_8), FaultKind.VALID))
                .iterator(), 0);
        out.println("   Injected: a payment of -25.00 and an order line priced 9,999,999.00 (cents sent as euros).");
        TableLocation sales = demo.gold().tables().dailyStoreSales();
        Run.execute(spark, demo, "demo", "available-now", run -> {
            new BronzeLayer(demo.bronze(), demo.validator(contracts), run.id(), Clock.systemUTC())
                    .runAvailableNow(spark);
            new SilverLayer(new SilverContext(demo.silver(), contracts, tokenizer, new SilverRunMetrics(),
                    demo.qualityGates())).runAvailableNow(spark);
            out.println("   Silver: rows a quarantine rule sent to " + demo.silver().quarantine().name()
                    + ", with the rules they broke:");
            out.print(QualityReport.quarantinedByRules(spark, demo.silver().quarantine()));
            GoldLayer.Refreshed refreshed = demo.goldLayer().refresh(spark, false);
            if (refreshed.failedAudits().isEmpty()) {
                out.println("   Gold: the refresh passed its audit (unexpected for this data).");
            }
            for (LakeException e : refreshed.failedAudits()) {
                out.println("   Gold: the refresh was blocked and rolled back automatically:");
                out.println("     " + e.getMessage());
            }
            for (RefreshResult result : refreshed.results()) {
                out.println("   Gold: published regardless (its own audit passed): " + result);
            }
        });
        out.println("   ./lake history " + sales.name() + " (newest first):");
        out.print(TableHistory.render(TableHistory.of(spark, demo, sales.name(), 4)).indent(5));
    }

}
