package io.eventlake.orchestration.spark;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.config.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a run: Delta enabled, UTC, change data feed on for new tables, the configured
 * catalog, the object store's settings for an s3a:// lake, and the user's extra settings last (they win).
 */
public final class SparkSessions {
    private static final String ALLOCATION_FILE = "spark.scheduler.allocation.file";
    /** The scheduler pools, on this jar's classpath (Spark only looks on its own class loader's). */
    private static final String POOLS_RESOURCE = "/fairscheduler.xml";

    private SparkSessions() {
    }

    /**
     * A local copy of the pools file shipped in this jar, for {@value #ALLOCATION_FILE}: under spark-submit the
     * jar is not on the class loader Spark reads {@code fairscheduler.xml} from. A user's own file (set in
     * {@code eventlake.spark.conf}) wins, as every extra setting does.
     */
    private static String schedulerPools() {
        try (java.io.InputStream pools = SparkSessions.class.getResourceAsStream(POOLS_RESOURCE)) {
            if (pools == null) {
                throw new IllegalStateException(POOLS_RESOURCE + " is missing from the eventlake jar");
            }
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("eventlake-fairscheduler", ".xml");
            copy.toFile().deleteOnExit();
            java.nio.file.Files.copy(pools, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not write the scheduler pools file to the temp folder", e);
        }
    }

    public static SparkSession create(LakeSettings settings) {
        SparkSettings spark = settings.spark();
        requireListeners(spark.conf().getOrDefault(EXTRA_LISTENERS, ""));
        SparkSession.Builder builder = SparkSession.builder().appName(spark.appName());
        if (spark.master() != null && System.getProperty("spark.master") == null) {
            builder = builder.master(spark.master()); // spark-submit's --master wins
        }
        builder = builder
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .config("spark.sql.shuffle.partitions", spark.shufflePartitions())
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "true")
                // pools share the cores fairly: the fast path's jobs (their own pool) never queue behind a layer's
                .config("spark.scheduler.mode", "FAIR")
                .config(ALLOCATION_FILE, schedulerPools());
        switch (spark.catalog()) {
            case HIVE -> builder = builder.enableHiveSupport();
            case IN_MEMORY -> builder = builder.config("spark.sql.catalogImplementation", "in-memory")
                    .config("spark.sql.warehouse.dir", settings.lakeRoot() + "/_warehouse");
        }
        if (settings.lakeRoot().startsWith("s3a://")) {
            for (var entry : spark.s3().sparkConf().entrySet()) {
                builder = builder.config(entry.getKey(), entry.getValue());
            }
        }
        // new tables get the maintenance settings' retention, checkpoint and auto compaction properties
        for (var entry : settings.maintenance().sparkConf().entrySet()) {
            builder = builder.config(entry.getKey(), entry.getValue());
        }
        for (var entry : spark.conf().entrySet()) {
            builder = builder.config(entry.getKey(), entry.getValue());
        }
        return builder.getOrCreate();
    }

    private static final String EXTRA_LISTENERS = "spark.extraListeners";

    /**
     * Refuses listeners Spark could not load (it would fail with a stack trace while starting), naming the jar to
     * add: OpenLineage's (conf/openlineage.conf) is not in the spark-submit jar.
     */
    static void requireListeners(String listeners) {
        for (String listener : listeners.split(",")) {
            if (listener.isBlank()) {
                continue;
            }
            try {
                Class.forName(listener.trim(), false, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw LakeErrors.sparkListenerMissing("eventlake.spark.conf.\"" + EXTRA_LISTENERS + "\"",
                        listener.trim());
            }
        }
    }
}
