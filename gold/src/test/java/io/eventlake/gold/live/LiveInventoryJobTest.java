package io.eventlake.gold.live;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTestTables;
import io.eventlake.gold.inventory.AlertSink;
import io.eventlake.gold.inventory.CrashAfterPublishing;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.gold.inventory.LowStockAlert;
import io.eventlake.kafka.TopicReader;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverInventoryMovementsJob;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.stream.StreamMode;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fast path on a real broker: the same alerts (ids) as the analytical path, exactly once on the topic across a
 * crash and a restart, and the reconciliation naming planted drift.
 */
@Tag("job")
class LiveInventoryJobTest {
    private static final Instant INGEST = Instant.parse("2026-11-20T12:00:00Z");

    private static String adjust(String id, String at, String sku, int units, String reason) {
        return event("m-" + id, "inventory_adjusted", 1, at, "{\"store_id\": \"s-1\", \"sku\": \"" + sku + "\","
                + " \"quantity_delta\": " + units + ", \"reason\": \"" + reason + "\"}");
    }

    private static String order(String id, String at, String lines) {
        return event("o-" + id, "order_placed", 1, at, "{\"order_id\": \"" + id + "\", \"customer_id\": \"c-1\","
                + " \"store_id\": \"s-1\", \"currency\": \"EUR\", \"lines\": [" + lines + "]}");
    }

    private static String line(String sku, int quantity) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unit_price\": 1.00}";
    }

    /** A lake with both paths over one event topic and one alerts topic. */
    private static final class TwoPaths {
        final SilverTestLake lake;
        final GoldSettings gold;
        final String events = TestKafka.newTopic("events", 1);
        final InventorySettings inventory;
        final LiveSettings live;
        final SilverContext silver;

        TwoPaths(String name) {
            lake = new SilverTestLake(name);
            gold = GoldTestTables.settings(lake, name.replace('-', '_'));
            inventory = new InventorySettings(10, Map.of(), TestKafka.bootstrapServers(),
                    TestKafka.newTopic("alerts", 1), Map.of());
            live = new LiveSettings(true, new KafkaSourceSettings(TestKafka.bootstrapServers(), List.of(events),
                    "earliest", 10_000, Map.of()), lake.dir().resolve("checkpoints/fast").toString(),
                    Duration.ofMillis(100), Duration.ofHours(1), TestKafka.newTopic("positions", 1), 2);
            silver = lake.context(new SilverRunMetrics());
        }

        /** Sends the records to the topic and to bronze (as the bronze job would have ingested them). */
        void produce(String... values) {
            TestKafka.send(events, Collections.nCopies(values.length, null), List.of(values));
            lake.bronze(INGEST, values);
        }

        LiveInventoryJob fastPath(AlertSink alerts, PositionSink positions) {
            return new LiveInventoryJob(live, inventory, new EventValidator(SilverTestLake.CONTRACTS), silver, alerts,
                    positions);
        }

        void runFastPath(AlertSink alerts) throws Exception {
            try (KafkaPositionSink positions = new KafkaPositionSink(inventory, live.positionsTopic())) {
                fastPath(alerts, positions).start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination();
            }
        }

        /** Silver, then gold's positions and alerts, publishing to the same alerts topic. */
        void runAnalyticalPath(AlertSink alerts) throws Exception {
            SilverTestLake.run(new SilverInventoryMovementsJob(silver), new SilverOrderLinesJob(silver));
            new InventoryPositionsJob(gold, inventory, alerts, lake.dir().resolve("checkpoints/positions").toString(),
                    Duration.ofSeconds(1)).start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination();
        }

        InventoryDrift reconcile() {
            return new InventoryReconciliation(inventory, live.positionsTopic(), gold.tables().inventoryPositions(),
                    gold.tables().inventoryAlerts()).compare(TestSpark.session());
        }

        /** The alert ids on the alerts topic, in order (with repeats, if any). */
        List<String> onTopic() {
            List<String> ids = new ArrayList<>();
            try (TopicReader reader = new TopicReader(TestKafka.bootstrapServers(), inventory.alertsTopic(),
                    Map.of())) {
                reader.catchUp(record -> ids.add(LowStockAlert.alertIdOf(record.value())));
            }
            return ids;
        }

        /** The latest position per key on the positions topic, as {@code key=on_hand}. */
        Map<String, Long> positions() {
            Map<String, Long> latest = new java.util.TreeMap<>();
            try (TopicReader reader = new TopicReader(TestKafka.bootstrapServers(), live.positionsTopic(),
                    Map.of())) {
                reader.catchUp(record -> latest.put(new String(record.key(), StandardCharsets.UTF_8),
                        onHand(record.value())));
            }
            return latest;
        }

        private static long onHand(byte[] value) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(value).path("on_hand").asLong();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void bothPathsRaiseTheSameAlertsOnceAndTheReconciliationNamesPlantedDrift() throws Exception {
        TwoPaths paths = new TwoPaths("live-agree");
        paths.produce(
                adjust("r1", "2026-11-20T08:00:00Z", "a", 12, "RESTOCK"),
                adjust("r2", "2026-11-20T08:00:00Z", "b", 30, "RESTOCK"),
                order("o1", "2026-11-20T09:00:00Z", line("a", 3) + ", " + line("b", 5)), // a: 12 -> 9 crosses
                adjust("r1", "2026-11-20T08:00:00Z", "a", 12, "RESTOCK"),                // a copy: dropped by both
                adjust("x1", "2026-11-20T09:10:00Z", "b", -18, "SALE"),                  // SALE: counted by lines
                adjust("d1", "2026-11-20T09:20:00Z", "b", -16, "SHRINKAGE"),             // b: 25 -> 9 crosses
                "{not json",
                order("o2", "2026-11-20T09:30:00Z", line("a", 1)));
        try (KafkaAlertSink alerts = new KafkaAlertSink(paths.inventory);
             KafkaAlertSink analytical = new KafkaAlertSink(paths.inventory)) {
            paths.runFastPath(alerts);
            List<String> fast = paths.onTopic();
            assertEquals(2, fast.size(), "one alert per crossing from the fast path");
            assertEquals(Map.of("s-1:a", 8L, "s-1:b", 9L), paths.positions());

            paths.runAnalyticalPath(analytical);
            assertEquals(fast, paths.onTopic(), "the analytical path finds its alerts on the topic: sends none");
            assertEquals(new java.util.TreeSet<>(fast), new java.util.TreeSet<>(read(
                    paths.gold.tables().inventoryAlerts()).select("alert_id").as(
                    org.apache.spark.sql.Encoders.STRING()).collectAsList()), "the same ids in gold.inventory_alerts");
            assertTrue(paths.reconcile().isEmpty(), () -> String.join("\n", paths.reconcile().describe()));

            // Planted drift: a copy of r2 long after the fast path's window (it counts it again, silver does not),
            // and an alert removed from the record.
            paths.produce(adjust("late", "2026-11-20T11:00:00Z", "b", 1, "RESTOCK"));
            paths.runFastPath(alerts);
            paths.produce(adjust("r2", "2026-11-20T08:00:00Z", "b", 30, "RESTOCK"));
            paths.runFastPath(alerts);
            paths.runAnalyticalPath(analytical);
            String removed = fast.get(0);
            TestSpark.session().sql("DELETE FROM delta.`" + paths.gold.tables().inventoryAlerts().path()
                    + "` WHERE alert_id = '" + removed + "'");
            InventoryDrift drift = paths.reconcile();
            assertEquals(List.of(new InventoryDrift.PositionDrift("s-1", "b", 40L, 10L)), drift.positions());
            assertEquals(1, drift.alerts().size());
            assertEquals(removed, drift.alerts().get(0).alertId());
            assertEquals(InventoryDrift.Side.TOPIC_ONLY, drift.alerts().get(0).side());
            assertTrue(drift.describe().get(0).contains("s-1/b: fast path 40, gold.inventory_positions 10"),
                    drift.describe().get(0));
        }
    }

    @Test
    void eachCrossingIsOneAlertOnTheTopicAcrossACrashAndARestart() throws Exception {
        TwoPaths paths = new TwoPaths("live-crash");
        paths.produce(adjust("r1", "2026-11-20T08:00:00Z", "a", 12, "RESTOCK"),
                order("o1", "2026-11-20T09:00:00Z", line("a", 3)));
        try (KafkaAlertSink alerts = new KafkaAlertSink(paths.inventory)) {
            assertThrows(StreamingQueryException.class, () -> paths.runFastPath(new CrashAfterPublishing(alerts)));
            assertEquals(1, paths.onTopic().size(), "published before the crash");
        }
        // A new process: a new sink, the same checkpoint. The batch is replayed into the same alert, not re-sent.
        try (KafkaAlertSink alerts = new KafkaAlertSink(paths.inventory)) {
            paths.runFastPath(alerts);
            assertEquals(1, paths.onTopic().size());
            assertEquals(Map.of("s-1:a", 9L), paths.positions());

            paths.produce(adjust("r2", "2026-11-20T10:00:00Z", "a", 10, "RESTOCK"),
                    order("o2", "2026-11-20T11:00:00Z", line("a", 10)));
            paths.runFastPath(alerts);
            assertEquals(2, paths.onTopic().size(), "19 -> 9 crosses again: the restart kept the state");
            assertEquals(Map.of("s-1:a", 9L), paths.positions());
        }
    }
}
