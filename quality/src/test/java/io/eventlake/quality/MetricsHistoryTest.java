package io.eventlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The metrics history keeps the newest points only, and a re-saved point replaces its value. */
@Tag("job")
class MetricsHistoryTest {
    private final SparkSession spark = TestSpark.session();
    private static final Constraint.Anomaly ROWS = new Constraint.Anomaly(Constraint.Anomaly.Metric.ROW_COUNT, null,
            0.5, 2.0);

    @Test
    void keepsTheNewestPointsAndReplacesARepairedOne() throws Exception {
        Path root = Files.createTempDirectory("metrics-history");
        MetricsHistory history = new MetricsHistory(root.toString(), 3);
        Map<Long, Dataset<Row>> points = new LinkedHashMap<>();
        for (long point = 1; point <= 5; point++) {
            points.put(point, spark.range(point * 10).toDF());
        }
        history.seed(spark, "t", List.of(ROWS), points);
        assertEquals(Map.of(3L, 30.0, 4L, 40.0, 5L, 50.0), history.values(spark, "t", ROWS, 100),
                "points 1 and 2 were dropped as 4 and 5 came");

        history.seed(spark, "t", List.of(ROWS), Map.of(5L, spark.range(7).toDF()));
        assertEquals(Map.of(3L, 30.0, 4L, 40.0, 5L, 7.0), history.values(spark, "t", ROWS, 100),
                "a repaired point replaces the failed one's value");
        assertEquals(java.util.Optional.of(40.0), history.previous(spark, "t", ROWS, 5));
        long size = Files.size(root.resolve("t.json"));
        history.seed(spark, "t", List.of(ROWS), Map.of(6L, spark.range(60).toDF(), 7L, spark.range(70).toDF()));
        assertEquals(3, history.values(spark, "t", ROWS, 100).size());
        assertEquals(size, Files.size(root.resolve("t.json")), 16.0, "the file does not grow");
    }
}
