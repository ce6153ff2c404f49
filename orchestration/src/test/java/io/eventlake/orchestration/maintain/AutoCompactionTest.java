package io.eventlake.orchestration.maintain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.testing.TestSpark;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Delta's auto compaction under the session settings {@link MaintenanceSettings#sparkConf} gives every session:
 * a table written a few small files at a time is not rewritten after each write (Delta's default mode compacts a
 * table's first write in each JVM, whatever its file count); once a partition holds the configured number of
 * small files, the next write compacts it, with the same rows.
 */
@Tag("job")
class AutoCompactionTest {
    private final SparkSession spark = TestSpark.session();
    private final Map<String, String> previous = new HashMap<>();

    private void withSettings(MaintenanceSettings settings) {
        settings.sparkConf().forEach((key, value) -> {
            previous.put(key, spark.conf().getOption(key).getOrElse(() -> null));
            spark.conf().set(key, value);
        });
    }

    @AfterEach
    void restoreTheSession() {
        previous.forEach((key, value) -> {
            if (value == null) {
                spark.conf().unset(key);
            } else {
                spark.conf().set(key, value);
            }
        });
    }

    private List<String> operations(String path) {
        return spark.sql("DESCRIBE HISTORY delta.`" + path + "`").orderBy("version").select("operation")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    }

    @Test
    void aPartitionIsCompactedOnWriteOnlyOnceItHoldsTheConfiguredNumberOfSmallFiles() {
        withSettings(new MaintenanceSettings(Duration.ofHours(168), Duration.ofDays(30), 10, 5));
        String path = TestSpark.tempDir("auto-compaction").resolve("t").toString();
        spark.sql("CREATE TABLE delta.`" + path + "` (id BIGINT) USING delta");
        for (int write = 0; write < 2; write++) { // 2 files a write: 4 small files, below 5
            spark.range(write * 100L, write * 100L + 100, 1, 2).write().format("delta").mode("append").save(path);
        }
        assertEquals(List.of("CREATE TABLE", "WRITE", "WRITE"), operations(path), "no compaction below 5 files");

        spark.range(200, 300, 1, 2).write().format("delta").mode("append").save(path); // 6 small files
        assertEquals(List.of("CREATE TABLE", "WRITE", "WRITE", "WRITE", "OPTIMIZE"), operations(path),
                "compacted once a partition holds 5 small files");
        assertEquals(1L, spark.sql("DESCRIBE DETAIL delta.`" + path + "`").first().<Long>getAs("numFiles"));
        assertEquals(300L, spark.read().format("delta").load(path).distinct().count());
    }
}
