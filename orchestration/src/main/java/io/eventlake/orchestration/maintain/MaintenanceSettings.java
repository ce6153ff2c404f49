package io.eventlake.orchestration.maintain;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code lake maintain} keeps the lake's tables ({@code eventlake.maintenance}).
 *
 * @param vacuumRetention     VACUUM deletes data files no version within this window reads (nor a pinned one)
 * @param logRetention        how long the Delta log keeps each version's commit
 * @param checkpointInterval  a checkpoint every this many commits
 * @param autoCompactMinFiles small files in a partition after which Delta compacts on write; 0 for never
 */
public record MaintenanceSettings(Duration vacuumRetention, Duration logRetention, int checkpointInterval,
                                  int autoCompactMinFiles) {
    public static final String VACUUM_RETENTION = "eventlake.maintenance.vacuum-retention";
    public static final String LOG_RETENTION = "eventlake.maintenance.log-retention";
    public static final String CHECKPOINT_INTERVAL = "eventlake.maintenance.checkpoint-interval";
    public static final String AUTO_COMPACT_MIN_FILES = "eventlake.maintenance.auto-compact-min-files";
    /** Delta's threshold of small files for auto compaction (a SQL setting). */
    public static final String AUTO_COMPACT_MIN_NUM_FILES_CONF = "spark.databricks.delta.autoCompact.minNumFiles";
    /** Whether Delta's auto compaction looks only at the partitions a commit wrote (a SQL setting). */
    public static final String AUTO_COMPACT_MODIFIED_PARTITIONS_ONLY_CONF =
            "spark.databricks.delta.autoCompact.modifiedPartitionsOnly.enabled";

    /** Delta's own default retention; a shorter one needs its safety check turned off for the VACUUM. */
    public static final Duration DELTA_SAFE_RETENTION = Duration.ofHours(168);

    /** The Delta table properties these settings give every table, property to value. */
    public Map<String, String> tableProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("delta.logRetentionDuration", interval(logRetention));
        properties.put("delta.deletedFileRetentionDuration", interval(vacuumRetention));
        properties.put("delta.checkpointInterval", Integer.toString(checkpointInterval));
        properties.put("delta.autoOptimize.autoCompact", Boolean.toString(autoCompactMinFiles > 0));
        return properties;
    }

    /**
     * Spark settings giving new tables the same properties and Delta's auto compaction its threshold, for the
     * session builder.
     */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        tableProperties().forEach((property, value) -> conf.put("spark.databricks.delta.properties.defaults."
                + property.substring("delta.".length()), value));
        if (autoCompactMinFiles > 0) {
            conf.put(AUTO_COMPACT_MIN_NUM_FILES_CONF, Integer.toString(autoCompactMinFiles));
            // Delta's default (modified partitions only) compacts a table's first write in every JVM whatever its
            // file count: a 2-5 s OPTIMIZE after each table's first commit of every batch run. The whole-table mode
            // honours minNumFiles (counted from the commits this JVM made).
            conf.put(AUTO_COMPACT_MODIFIED_PARTITIONS_ONLY_CONF, "false");
        }
        return conf;
    }

    /** The retention in whole hours, rounded up (VACUUM's RETAIN takes hours). */
    public long vacuumRetentionHours() {
        return (vacuumRetention.toMinutes() + 59) / 60;
    }

    /** A duration as a Delta interval property ({@code interval 168 hours}). */
    static String interval(Duration duration) {
        return "interval " + Math.max(0, (duration.toMinutes() + 59) / 60) + " hours";
    }
}
