package io.eventlake.gold.inventory;

import java.util.Map;
import java.util.TreeMap;

/**
 * The operational path's settings.
 *
 * @param defaultReorderThreshold units below which a position raises an alert, unless its SKU has its own
 * @param reorderThresholds       thresholds by SKU
 * @param bootstrapServers        the Kafka cluster the alerts go to
 * @param alertsTopic             the topic of {@code low_stock} alert events
 * @param kafkaOptions            client options for that cluster (security etc.), without the {@code kafka.} prefix
 */
public record InventorySettings(int defaultReorderThreshold, Map<String, Integer> reorderThresholds,
                                String bootstrapServers, String alertsTopic, Map<String, String> kafkaOptions) {
    public InventorySettings {
        reorderThresholds = java.util.Collections.unmodifiableMap(new TreeMap<>(reorderThresholds));
        kafkaOptions = Map.copyOf(kafkaOptions);
    }

    /** The threshold of {@code sku}. */
    public int threshold(String sku) {
        return reorderThresholds.getOrDefault(sku, defaultReorderThreshold);
    }
}
