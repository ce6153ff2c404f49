package io.eventlake.gold.inventory;

import java.time.Duration;

/**
 * How gold runs its operational path ({@link InventoryPositionsJob}) as a stream of its own.
 *
 * @param settings        thresholds and where the alerts go
 * @param checkpoint      the query's checkpoint folder ({@code <checkpoints>/gold.inventory_positions})
 * @param triggerInterval micro-batch interval of a continuous run ({@code eventlake.gold.inventory.trigger-interval})
 */
public record InventoryStream(InventorySettings settings, String checkpoint, Duration triggerInterval) {
}
