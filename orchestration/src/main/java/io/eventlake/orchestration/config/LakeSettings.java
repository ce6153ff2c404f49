package io.eventlake.orchestration.config;

import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTableLocations;
import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.gold.GoldLayer;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.gold.inventory.InventoryStream;
import io.eventlake.gold.live.LiveInventoryJob;
import io.eventlake.gold.live.LiveSettings;
import io.eventlake.quality.Gate;
import io.eventlake.quality.MetricsHistory;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.SilverSettings;
import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeQuarantineTable;
import io.eventlake.orchestration.maintain.MaintenanceSettings;
import io.eventlake.orchestration.maintain.Pins;
import io.eventlake.orchestration.maintain.PinsTable;
import io.eventlake.orchestration.metrics.MetricsSettings;
import io.eventlake.orchestration.metrics.RunMetricsTable;
import io.eventlake.orchestration.runs.RunsTable;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.table.LakeCatalog;
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
 * @param triggerInterval   bronze's continuous micro-batch interval
 * @param catalog           every table eventlake writes: its spec, configured name and location
 * @param silverStreams     silver's micro-batch timing
 * @param goldJobs          how gold values money and raises alerts
 * @param quality           quality rules
 * @param eventTime         bronze's window of plausible event times
 * @param minFreeSpace      bytes a local lake root must have free before a command starts
 * @param maintenance       how {@code lake maintain} compacts, retains and vacuums
 * @param staleAfter        how far behind the newest event a table may be before {@code lake status} calls it stale
 * @param metrics           a run's metrics endpoint and run metrics table
 */
public record LakeSettings(String lakeRoot, SparkSettings spark, String contractsLocation,
                           KafkaSourceSettings kafka, Duration triggerInterval, LakeCatalog catalog,
                           SilverStreams silverStreams, GoldJobs goldJobs, QualitySettings quality,
                           EventTimeWindow eventTime, long minFreeSpace,
                           MaintenanceSettings maintenance, Duration staleAfter, MetricsSettings metrics) {

    /** Bronze's validator: the contracts, and the event-time window ({@code eventlake.bronze.event-time}). */
    public EventValidator validator(ContractRegistry contracts) {
        return new EventValidator(contracts, eventTime);
    }

    /**
     * Quality gates.
     *
     * @param gates the rules of each guarded table, by table name
     */
    public record QualitySettings(Map<String, Gate> gates) {
        public QualitySettings {
            gates = Map.copyOf(gates);
        }
    }

    /** The gates, their metrics history under {@code <lake-root>/_quality/metrics}, and the verdicts table. */
    public QualityGates qualityGates() {
        return new QualityGates(quality.gates(), new MetricsHistory(lakeRoot + "/_quality/metrics"),
                catalog.location(GateResultsTable.SPEC));
    }

    /** The pinned versions, which VACUUM keeps readable. */
    public Pins pins() {
        return new Pins(catalog.location(PinsTable.SPEC));
    }

    /** The run metrics table: every micro-batch of the recorded runs. */
    public TableLocation runMetrics() {
        return catalog.location(RunMetricsTable.SPEC);
    }

    /** The runs table. */
    public TableLocation runs() {
        return catalog.location(RunsTable.SPEC);
    }

    /** Every table eventlake writes, by name. */
    public Map<String, TableLocation> tables() {
        Map<String, TableLocation> tables = new java.util.LinkedHashMap<>();
        catalog.tables().forEach(table -> tables.put(table.name(), table));
        return tables;
    }

    /** The names of every table eventlake writes: bronze, silver, gold, gate results, runs. */
    public java.util.List<String> tableNames() {
        return catalog.names();
    }

    /**
     * Silver's micro-batches.
     *
     * @param triggerInterval    continuous micro-batch interval
     * @param maxFilesPerTrigger most bronze files per micro-batch
     */
    public record SilverStreams(Duration triggerInterval, int maxFilesPerTrigger) {
    }

    /** The silver jobs' settings: reading bronze events, writing under the same lake root. */
    public SilverSettings silver() {
        return new SilverSettings(catalog.location(BronzeEventsTable.SPEC), catalog, checkpoints(),
                silverStreams.triggerInterval(), silverStreams.maxFilesPerTrigger());
    }

    /**
     * Gold's jobs.
     *
     * @param features  how features value money
     * @param inventory reorder thresholds and the alerts topic
     * @param fastPath  the fast operational path beside the inventory stream
     */
    public record GoldJobs(FeatureSettings features, InventoryThresholds inventory, FastPath fastPath) {
    }

    /**
     * The fast operational path ({@code eventlake.gold.inventory.fast-path}).
     *
     * @param enabled         whether a continuous pipeline runs it
     * @param triggerInterval its micro-batch interval
     * @param dedupWindow     how long a copy of an event is recognised
     * @param positionsTopic  the compacted topic of its positions
     * @param statePartitions partitions of its state
     */
    public record FastPath(boolean enabled, Duration triggerInterval, Duration dedupWindow, String positionsTopic,
                           int statePartitions) {
    }

    /** The fast path's settings: bronze's Kafka source, its checkpoint under the lake's checkpoints. */
    public LiveSettings live() {
        FastPath f = goldJobs.fastPath();
        return new LiveSettings(f.enabled(), kafka, checkpoints() + "/" + LiveInventoryJob.NAME, f.triggerInterval(),
                f.dedupWindow(), f.positionsTopic(), f.statePartitions());
    }

    /**
     * Where low-stock alerts go and when they fire.
     *
     * @param alertsTopic             the topic of low_stock events (on the cluster of {@code kafka.bootstrap-servers})
     * @param defaultReorderThreshold units below which a position alerts
     * @param reorderThresholds       thresholds of particular SKUs
     * @param triggerInterval         the inventory stream's continuous micro-batch interval
     */
    public record InventoryThresholds(String alertsTopic, int defaultReorderThreshold,
                                      Map<String, Integer> reorderThresholds, Duration triggerInterval) {
    }

    /** The gold jobs' settings: reading silver, writing under the same lake root. */
    public GoldSettings gold() {
        return new GoldSettings(silver().tables(), GoldTableLocations.in(catalog), goldJobs.features());
    }

    /** The operational path's settings: alerts to the topic on the source cluster, with its client options. */
    public InventorySettings inventory() {
        Map<String, String> clientOptions = new java.util.LinkedHashMap<>();
        kafka.options().forEach((option, value) -> {
            if (option.startsWith("kafka.")) {
                clientOptions.put(option.substring("kafka.".length()), value);
            }
        });
        InventoryThresholds t = goldJobs.inventory();
        return new InventorySettings(t.defaultReorderThreshold(), t.reorderThresholds(), kafka.bootstrapServers(),
                t.alertsTopic(), clientOptions);
    }

    /** Gold's operational path as a stream: its settings, checkpoint and trigger. */
    public InventoryStream inventoryStream() {
        return new InventoryStream(inventory(), checkpoints() + "/" + InventoryPositionsJob.NAME,
                goldJobs.inventory().triggerInterval());
    }

    /** Gold: its refreshes (audited by the quality gates) and its operational path. */
    public GoldLayer goldLayer() {
        return new GoldLayer(gold(), qualityGates(), inventoryStream());
    }

    /** The bronze job's settings: tables at {@code <lake-root>/<database>/<table>}. */
    public BronzeSettings bronze() {
        return new BronzeSettings(kafka, catalog.location(BronzeEventsTable.SPEC),
                catalog.location(BronzeQuarantineTable.SPEC), checkpoints(), triggerInterval);
    }

    /** Folder of the streaming checkpoints, one sub-folder per job. */
    public String checkpoints() {
        return lakeRoot + "/_checkpoints";
    }

    /** Whether the lake is on the local file system (not an object store URI). */
    public boolean isLocal() {
        return !lakeRoot.contains("://") || lakeRoot.startsWith("file:");
    }

    /** Local folder for lake-owned local state (broker data, the demo's lake). Only for a local lake. */
    public Path localDir(String name) {
        return Path.of(lakeRoot.replaceFirst("^file:(//)?", "")).resolve(name);
    }

    /** The same settings with another lake root (the demo and benchmarks use their own). */
    public LakeSettings withLakeRoot(String root) {
        return new LakeSettings(root, spark, contractsLocation, kafka, triggerInterval, catalog.under(root),
                silverStreams, goldJobs, quality, eventTime, minFreeSpace,
                maintenance, staleAfter, metrics);
    }

    /** The same settings with other quality rules (tests, the demo's injected faults). */
    public LakeSettings withGates(Map<String, Gate> gates) {
        return new LakeSettings(lakeRoot, spark, contractsLocation, kafka, triggerInterval, catalog, silverStreams,
                goldJobs, new QualitySettings(gates), eventTime, minFreeSpace,
                maintenance, staleAfter, metrics);
    }

    /** The same settings with {@code extra} Spark settings added to the configured ones (the SQL endpoint's). */
    public LakeSettings withSparkConf(Map<String, String> extra) {
        Map<String, String> conf = new java.util.LinkedHashMap<>(spark.conf());
        conf.putAll(extra);
        SparkSettings withExtra = new SparkSettings(spark.master(), spark.appName(), spark.shufflePartitions(),
                spark.catalog(), spark.s3(), conf);
        return new LakeSettings(lakeRoot, withExtra, contractsLocation, kafka, triggerInterval, catalog,
                silverStreams, goldJobs, quality, eventTime, minFreeSpace,
                maintenance, staleAfter, metrics);
    }

    /** The same settings reading from another broker and topics. */
    public LakeSettings withKafka(KafkaSourceSettings source) {
        return new LakeSettings(lakeRoot, spark, contractsLocation, source, triggerInterval, catalog, silverStreams,
                goldJobs, quality, eventTime, minFreeSpace,
                maintenance, staleAfter, metrics);
    }
}
