package io.eventlake.gold.live;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the fast path and the analytical path disagree, by key: positions whose units differ (or that one path
 * lacks), and alerts only one of them raised. Empty when the paths agree.
 *
 * @param positions positions that differ, by store and SKU
 * @param alerts    alerts on the topic that {@code gold.inventory_alerts} lacks, and the reverse
 */
public record InventoryDrift(List<PositionDrift> positions, List<AlertDrift> alerts) {
    public InventoryDrift {
        positions = List.copyOf(positions);
        alerts = List.copyOf(alerts);
    }

    /**
     * A position the paths disagree on.
     *
     * @param fastPath   units on hand by the fast path (its positions topic); null when it has no such position
     * @param analytical units on hand in {@code gold.inventory_positions}; null when it has no such position
     */
    public record PositionDrift(String storeId, String sku, Long fastPath, Long analytical) {
    }

    /** Which side holds an alert the other lacks. */
    public enum Side {
        /** On the alerts topic, not in {@code gold.inventory_alerts}: the fast path raised it alone. */
        TOPIC_ONLY,
        /** In {@code gold.inventory_alerts}, not on the topic (yet): the fast path missed the crossing. */
        TABLE_ONLY
    }

    /** An alert only one side holds. */
    public record AlertDrift(String alertId, String storeId, String sku, Side side) {
    }

    public boolean isEmpty() {
        return positions.isEmpty() && alerts.isEmpty();
    }

    /** One line per drifted key, for people. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (PositionDrift p : positions) {
            lines.add(String.format("position %s/%s: fast path %s, gold.inventory_positions %s", p.storeId(), p.sku(),
                    p.fastPath() == null ? "none" : p.fastPath(), p.analytical() == null ? "none" : p.analytical()));
        }
        for (AlertDrift a : alerts) {
            lines.add(String.format("alert %s (%s/%s): %s", a.alertId(), a.storeId(), a.sku(),
                    a.side() == Side.TOPIC_ONLY ? "on the alerts topic only (gold.inventory_alerts never raised it)"
                            : "in gold.inventory_alerts only (not on the alerts topic)"));
        }
        return lines;
    }
}
