package io.eventlake.orchestration.config;

import java.util.Map;

/**
 * How the entry point builds its SparkSession.
 *
 * @param master            master URL for runs outside spark-submit; null to leave it to spark-submit
 * @param appName           Spark application name
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}
 * @param catalog           where table names are registered
 * @param conf              extra Spark settings, verbatim
 */
public record SparkSettings(String master, String appName, int shufflePartitions, Catalog catalog,
                            Map<String, String> conf) {

    /** Where table names live. */
    public enum Catalog {
        /** The cluster's Hive metastore. */
        HIVE("hive"),
        /** A Derby metastore under the lake root; one process at a time. */
        EMBEDDED_HIVE("embedded-hive"),
        /** Names for the session only. */
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
