package io.eventlake.orchestration.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Kafka lag a micro-batch's progress implies, per topic-partition. */
@Tag("unit")
class LakeMetricsTest {
    @Test
    void lagIsTheLatestOffsetMinusTheEndOffsetPerPartitionAndNoneForADeltaSource() {
        assertEquals(Map.of("t/0", 40L, "t/1", 0L, "u/0", 7L), LakeMetrics.kafkaLag(
                "{\"t\":{\"0\":60,\"1\":30},\"u\":{\"0\":3}}", "{\"t\":{\"0\":100,\"1\":30},\"u\":{\"0\":10}}"));
        assertEquals(Map.of("t/0", 5L), LakeMetrics.kafkaLag(null, "{\"t\":{\"0\":5}}"),
                "before the first batch the whole topic is behind");
        assertEquals(Map.of(), LakeMetrics.kafkaLag("{\"sourceVersion\":1,\"reservoirVersion\":3}",
                "{\"sourceVersion\":1,\"reservoirVersion\":5}"), "a Delta source has no Kafka lag");
        assertEquals(Map.of(), LakeMetrics.kafkaLag("{}", null));
    }
}
