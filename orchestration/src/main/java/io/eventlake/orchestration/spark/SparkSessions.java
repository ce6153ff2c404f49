package io.eventlake.orchestration.spark;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.config.SparkSettings;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a run: Delta enabled, UTC, change data feed on for new tables, the configured
 * catalog, the object store's settings for an s3a:// lake, and the user's extra settings last (they win).
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(LakeSettings settings) {
        SparkSettings spark = settings.spark();
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
                .config("spark.scheduler.mode", "FAIR");
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
        for (var entry : spark.conf().entrySet()) {
            builder = builder.config(entry.getKey(), entry.getValue());
        }
        return builder.getOrCreate();
    }
}
