package io.eventlake.gold.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.gold.inventory.StockChanges;
import io.eventlake.testing.TestSpark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fast path's per-position step: order, crossings, de-duplication within the window, bounded state. */
@Tag("unit")
class LivePositionsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(1);

    private static LiveChange change(String key, long delta, int minutes) {
        return new LiveChange(key, delta, T0.plusSeconds(60L * minutes));
    }

    private static List<LiveUpdate> alerts(LivePositions.Step step) {
        return step.updates().stream().filter(LiveUpdate::isAlert).toList();
    }

    private static LiveUpdate position(LivePositions.Step step) {
        return step.updates().get(step.updates().size() - 1);
    }

    @Test
    void changesApplyInTheOrderTheyOccurredAndEachCrossingIsOneAlert() {
        // arriving out of order: the sale at minute 2 applies after the restock at minute 1
        LivePositions.Step step = LivePositions.apply("s-1", "a", null, List.of(change("l:o2:1", -8, 2),
                change("m:r1", 12, 1), change("l:o3:1", -1, 3), change("m:r2", 10, 4), change("l:o4:1", -20, 5)),
                10, WINDOW);
        assertEquals(List.of("12 -> 4", "13 -> -7"), alerts(step).stream()
                .map(a -> a.getOnHandBefore() + " -> " + a.getOnHand()).toList());
        assertEquals(StockChanges.alertId("s-1", "a", "l:o2:1"), alerts(step).get(0).getAlertId());
        assertEquals(-7, position(step).getOnHand());
        assertEquals(5, position(step).getApplied());
        assertEquals(T0.plusSeconds(300), position(step).getOccurredAt().toInstant());
    }

    @Test
    void aCopyWithinTheWindowIsDroppedAndOneBeyondItCounts() {
        LivePositions.Step first = LivePositions.apply("s-1", "a", null, List.of(change("m:r1", 12, 0),
                change("m:r1", 12, 0)), 10, WINDOW);
        assertEquals(12, first.state().getOnHand(), "a copy in the same batch");
        assertEquals(1, position(first).getDuplicates());

        LivePositions.Step again = LivePositions.apply("s-1", "a", first.state(), List.of(change("m:r1", 12, 0),
                change("l:o1:1", -1, 30)), 10, WINDOW);
        assertEquals(11, again.state().getOnHand(), "a copy in a later batch, within the window");

        LivePositions.Step later = LivePositions.apply("s-1", "a", again.state(), List.of(change("m:r9", 1, 100)),
                10, WINDOW);
        assertEquals(List.of("m:r9"), List.copyOf(later.state().getRecentChanges().keySet()),
                "keys older than the window before the newest change are forgotten");
        LivePositions.Step late = LivePositions.apply("s-1", "a", later.state(), List.of(change("m:r1", 12, 0)),
                10, WINDOW);
        assertEquals(24, late.state().getOnHand(), "beyond the window a copy counts again: drift to reconcile");
        assertTrue(first.state() != again.state(), "the step never changes its input");
    }

    @Test
    void theJavaAlertIdIsTheDigestGoldComputesInSpark() {
        StructType schema = new StructType().add("store_id", DataTypes.StringType).add("sku", DataTypes.StringType)
                .add("change_key", DataTypes.StringType);
        Row row = TestSpark.session().createDataFrame(List.of(RowFactory.create("s-1", "SKU-9", "l:e-1:2")), schema)
                .select(StockChanges.alertId(org.apache.spark.sql.functions.col("store_id"),
                        org.apache.spark.sql.functions.col("sku"), org.apache.spark.sql.functions.col("change_key")))
                .first();
        assertEquals(row.getString(0), StockChanges.alertId("s-1", "SKU-9", "l:e-1:2"));
    }
}
