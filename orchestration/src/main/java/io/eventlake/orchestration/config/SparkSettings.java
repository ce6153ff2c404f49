package io.eventlake.orchestration.config;

import java.util.Map;

/**
 * How the entry point builds its SparkSession.
 *
 * @param master            master URL for runs outside spark-submit; null to leave it to spark-submit
 * @param appName           Spark application name
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}
 * @param catalog           where table names are registered
 * @param s3                the object store of an {@code s3a://} lake root
 * @param conf              extra Spark settings, verbatim (they win over every other)
 */
public record SparkSettings(String master, String appName, int shufflePartitions, Catalog catalog, S3Settings s3,
                            Map<String, String> conf) {

    /** Where table names live. */
    public enum Catalog {
        /** The cluster's Hive metastore. */
        HIVE("hive"),
        /**
         * Names for the session only: each process registers the lake tables it uses by path (their paths follow
         * from the configuration), so any number of processes share one local lake without a shared catalog.
         */
        IN_MEMORY("in-memory");

        private final String configName;

        Catalog(String configName) {
            this.configName = configName;
        }

        public String configName() {
            return configName;
        }

        static Catalog fromConfigName(String name) {
            for (Catalog catalog : values()) {
                if (catalog.configName.equals(name)) {
                    return catalog;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }
}
