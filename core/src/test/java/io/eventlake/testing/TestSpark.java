package io.eventlake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, two shuffle partitions, Delta enabled, in-memory catalog,
 * UTC, UI off. Production sessions are built only by the orchestration entry point.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            Path warehouse = tempDir("spark-warehouse");
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("eventlake-tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.warehouse.dir", warehouse.toString())
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .config("spark.databricks.delta.snapshotPartitions", "2")
                    .config("spark.sql.streaming.stopTimeout", "30s")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** A fresh temporary directory, deleted by the JVM's temp cleanup (not tracked here). */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory("eventlake-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
