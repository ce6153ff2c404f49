package io.eventlake.orchestration.config;

import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTableLocations;
import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.quality.Gate;
import io.eventlake.quality.MetricsHistory;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.SilverSettings;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.table.TableLocation;
import java.nio.file.Path;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventTimeWindow;
import io.eventlake.contracts.validate.EventValidator;
import java.time.Duration;
import java.util.Map;

/**
 * Every setting of eventlake, typed and validated, as read once at start-up by {@link LakeConfig}.
 *
 * @param lakeRoot          absolute local path or URI under which tables, checkpoints and the metastore live
 * @param spark             the SparkSession
 * @param contractsLocation {@code classpath} or a contracts folder
 * @param kafka             the Kafka source of bronze
 * @param eventsTable       bronze events table name
 * @param quarantineTable   bronze quarantine table name
 * @param triggerInterval   continuous micro-batch interval
 * @param silverTables      silver table names
 * @param goldTables        gold table names
 * @param quality           quality rules and the tables of verdicts and runs
 */
public record LakeSettings(String lakeRoot, SparkSettings spark, String contractsLocation,
                           KafkaSourceSettings kafka, String eventsTable, String quarantineTable,
                           Duration triggerInterval, SilverTableSettings silverTables, GoldTableSettings goldTables,
                           QualitySettings quality,
                           EventTimeWindow eventTime, long minFreeSpace) {

    /** Bronze's validator: the contracts, and the event-time window ({@code eventlake.bronze.event-time}). */
    public EventValidator validator(ContractRegistry contracts) {
        return new EventValidator(contracts, eventTime);
    }

    /**
     * Quality gates and run lineage.
     *
     * @param gates            the rules of each guarded table, by table name
     * @param gateResultsTable the table of gate verdicts
     * @param runsTable        the table of runs (lineage)
     */
    public record QualitySettings(Map<String, Gate> gates, String gateResultsTable, String runsTable) {
        public QualitySettings {
            gates = Map.copyOf(gates);
        }
    }

    /** The gates, their metrics history under {@code <lake-root>/_quality/metrics}, and the verdicts table. */
    public QualityGates qualityGates() {
        return new QualityGates(quality.gates(), new MetricsHistory(lakeRoot + "/_quality/metrics"),
                table(quality.gateResultsTable()));
    }

    /** The runs table. */
    public TableLocation runs() {
        return table(quality.runsTable());
    }

    /** Every table eventlake writes, by name. */
    public Map<String, TableLocation> tables() {
        Map<String, TableLocation> tables = new java.util.LinkedHashMap<>();
        for (String name : tableNames()) {
            tables.put(name, table(name));
        }
        return tables;
    }

    /** The names of every table eventlake writes: bronze, silver, gold, gate results, runs. */
    public java.util.List<String> tableNames() {
        SilverTableSettings s = silverTables;
        return java.util.List.of(eventsTable, quarantineTable, s.orders(), s.orderLines(), s.payments(), s.returns(),
                s.inventoryMovements(), s.customers(), s.customersCurrent(), s.quarantine(),
                goldTables.dailyStoreSales(), goldTables.customerFeatures(), goldTables.inventoryPositions(),
                goldTables.inventoryAlerts(), quality.gateResultsTable(), quality.runsTable());
    }

    /**
     * Silver's table names ({@code database.table}) and timing.
     *
     * @param orders             orders, one row per order_placed event
     * @param orderLines         order lines
     * @param payments           payments
     * @param returns            returns
     * @param inventoryMovements inventory movements
     * @param customers          customer history (SCD2)
     * @param customersCurrent   current customers (SCD1)
     * @param quarantine         records failing silver's conformance
     * @param triggerInterval    continuous micro-batch interval
     * @param maxFilesPerTrigger most bronze files per micro-batch
     */
    public record SilverTableSettings(String orders, String orderLines, String payments, String returns,
                                      String inventoryMovements, String customers, String customersCurrent,
                                      String quarantine, Duration triggerInterval, int maxFilesPerTrigger) {
    }

    /** The silver jobs' settings: reading bronze events, writing under the same lake root. */
    public SilverSettings silver() {
        SilverTableSettings t = silverTables;
        return new SilverSettings(table(eventsTable), new SilverTableLocations(table(t.orders()),
                table(t.orderLines()), table(t.payments()), table(t.returns()), table(t.inventoryMovements()),
                table(t.customers()), table(t.customersCurrent()), table(t.quarantine())), checkpoints(),
                t.triggerInterval(), t.maxFilesPerTrigger());
    }

    /**
     * Gold's table names ({@code database.table}).
     *
     * @param dailyStoreSales  sales per day, store and currency
     * @param customerFeatures customer features per feature date
     * @param inventoryPositions current units on hand per store and SKU
     * @param inventoryAlerts  low-stock alerts
     * @param features         how features value money
     * @param inventory        reorder thresholds and the alerts topic
     */
    public record GoldTableSettings(String dailyStoreSales, String customerFeatures, String inventoryPositions,
                                    String inventoryAlerts, FeatureSettings features, InventoryThresholds inventory) {
    }

    /**
     * Where low-stock alerts go and when they fire.
     *
     * @param alertsTopic             the topic of low_stock events (on the cluster of {@code kafka.bootstrap-servers})
     * @param defaultReorderThreshold units below which a position alerts
     * @param reorderThresholds       thresholds of particular SKUs
     */
    public record InventoryThresholds(String alertsTopic, int defaultReorderThreshold,
                                      Map<String, Integer> reorderThresholds) {
    }

    /** The gold jobs' settings: reading silver, writing under the same lake root. */
    public GoldSettings gold() {
        return new GoldSettings(silver().tables(), new GoldTableLocations(table(goldTables.dailyStoreSales()),
                table(goldTables.customerFeatures()), table(goldTables.inventoryPositions()),
                table(goldTables.inventoryAlerts())), goldTables.features());
    }

    /** The operational path's settings: alerts to the topic on the source cluster, with its client options. */
    public InventorySettings inventory() {
        Map<String, String> clientOptions = new java.util.LinkedHashMap<>();
        kafka.options().forEach((option, value) -> {
            if (option.startsWith("kafka.")) {
                clientOptions.put(option.substring("kafka.".length()), value);
            }
        });
        InventoryThresholds t = goldTables.inventory();
        return new InventorySettings(t.defaultReorderThreshold(), t.reorderThresholds(), kafka.bootstrapServers(),
                t.alertsTopic(), clientOptions);
    }

    /** The bronze job's settings: tables at {@code <lake-root>/<database>/<table>}. */
    public BronzeSettings bronze() {
        return new BronzeSettings(kafka, table(eventsTable), table(quarantineTable), checkpoints(), triggerInterval);
    }

    public TableLocation table(String name) {
        return new TableLocation(name, lakeRoot + "/" + name.replace('.', '/'));
    }

    /** Folder of the streaming checkpoints, one sub-folder per job. */
    public String checkpoints() {
        return lakeRoot + "/_checkpoints";
    }

    /** Whether the lake is on the local file system (not an object store URI). */
    public boolean isLocal() {
        return !lakeRoot.contains("://") || lakeRoot.startsWith("file:");
    }

    /** Local folder for lake-owned local state (metastore, broker data). Only for a local lake. */
    public Path localDir(String name) {
        return Path.of(lakeRoot.replaceFirst("^file:(//)?", "")).resolve(name);
    }

    /** The same settings with another lake root (the demo and benchmarks use their own). */
    public LakeSettings withLakeRoot(String root) {
        return new LakeSettings(root, spark, contractsLocation, kafka, eventsTable, quarantineTable, triggerInterval,
                silverTables, goldTables, quality, eventTime, minFreeSpace);
    }

    /** The same settings with other quality rules (tests, the demo's injected faults). */
    public LakeSettings withGates(Map<String, Gate> gates) {
        return new LakeSettings(lakeRoot, spark, contractsLocation, kafka, eventsTable, quarantineTable,
                triggerInterval, silverTables, goldTables,
                new QualitySettings(gates, quality.gateResultsTable(), quality.runsTable()), eventTime, minFreeSpace);
    }

    /** The same settings reading from another broker and topics. */
    public LakeSettings withKafka(KafkaSourceSettings source) {
        return new LakeSettings(lakeRoot, spark, contractsLocation, source, eventsTable, quarantineTable,
                triggerInterval, silverTables, goldTables, quality, eventTime, minFreeSpace);
    }
}
