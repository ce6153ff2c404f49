package io.eventlake.gold.live;

import io.eventlake.gold.inventory.StockChanges;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path's step for one position, as a pure function: the changes a micro-batch brings are applied in the
 * order they occurred (then by change key), as {@link StockChanges#crossings} applies them, from the position's
 * state; a change whose key the state holds (a copy of an event applied within the window) is dropped; each change
 * that takes the position from at or above its threshold to below it is one alert, with the id
 * {@link StockChanges#alertId(String, String, String)} gives it. Keys older than the window before the position's
 * newest change are forgotten, so the state stays bounded.
 */
public final class LivePositions {
    private LivePositions() {
    }

    /** Orders changes as the analytical path does: occurred at, then change key. */
    private static final Comparator<LiveChange> IN_ORDER = Comparator.comparing(LiveChange::occurredAt)
            .thenComparing(LiveChange::changeKey);

    /**
     * The result of a step.
     *
     * @param state   the position after it (a new object; the input is not changed)
     * @param updates the crossings, in order, then the position after the batch
     */
    public record Step(PositionState state, List<LiveUpdate> updates) {
    }

    /**
     * @param before    the position's state, or null for a position not seen before (0 units)
     * @param changes   the batch's changes of the position, in any order
     * @param threshold the SKU's reorder threshold
     * @param window    how long after a change a copy of it is still recognised
     */
    public static Step apply(String storeId, String sku, PositionState before, List<LiveChange> changes,
                             int threshold, Duration window) {
        long onHand = before == null ? 0 : before.getOnHand();
        long updatedAt = before == null ? Long.MIN_VALUE : before.getUpdatedAtMillis();
        Map<String, Long> recent = before == null ? new HashMap<>() : new HashMap<>(before.getRecentChanges());
        List<LiveChange> ordered = new ArrayList<>(changes);
        ordered.sort(IN_ORDER);
        List<LiveUpdate> updates = new ArrayList<>();
        int applied = 0;
        int duplicates = 0;
        for (LiveChange change : ordered) {
            long at = change.occurredAt().toEpochMilli();
            if (recent.putIfAbsent(change.changeKey(), at) != null) {
                duplicates++;
                continue;
            }
            long after = onHand + change.delta();
            if (onHand >= threshold && after < threshold) {
                updates.add(LiveUpdate.alert(storeId, sku, StockChanges.alertId(storeId, sku, change.changeKey()),
                        onHand, after, threshold, new Timestamp(at)));
            }
            onHand = after;
            updatedAt = Math.max(updatedAt, at);
            applied++;
        }
        long horizon = updatedAt - window.toMillis();
        recent.values().removeIf(at -> at < horizon);
        PositionState state = new PositionState();
        state.setOnHand(onHand);
        state.setUpdatedAtMillis(updatedAt);
        state.setRecentChanges(recent);
        updates.add(LiveUpdate.position(storeId, sku, onHand, threshold,
                updatedAt == Long.MIN_VALUE ? null : new Timestamp(updatedAt), applied, duplicates));
        return new Step(state, updates);
    }
}
