package io.eventlake.gold.inventory;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eventlake.stream.StreamMode;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTestTables;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverInventoryMovementsJob;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** inventory_positions and low_stock alerts on a real broker, including a crash between publishing and applying. */
@Tag("job")
class InventoryPositionsJobTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String restock(String id, String at, int units) {
        return event("m-" + id, "inventory_adjusted", 1, at, "{\"store_id\": \"s-1\", \"sku\": \"a\","
                + " \"quantity_delta\": " + units + ", \"reason\": \"RESTOCK\"}");
    }

    private static String sale(String id, String at, int units) {
        return event("o-" + id, "order_placed", 1, at, "{\"order_id\": \"" + id + "\", \"customer_id\": \"c-1\","
                + " \"store_id\": \"s-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"a\", \"quantity\": " + units
                + ", \"unit_price\": 1.00}]}");
    }

    private static void silver(SilverTestLake lake) {
        SilverContext context = lake.context(new SilverRunMetrics());
        run(new SilverInventoryMovementsJob(context), new SilverOrderLinesJob(context));
    }

    /** The alert ids on the topic, in order. */
    private static List<String> onTopic(String topic) {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestKafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ids.add(LowStockAlert.alertIdOf(record.value()));
                }
            }
        }
        return ids;
    }

    @Test
    void eachCrossingIsExactlyOneAlertInTheTableAndOnTheTopicAcrossACrash() throws Exception {
        SilverTestLake lake = new SilverTestLake("gold-inventory");
        GoldSettings gold = GoldTestTables.settings(lake, "gold_inventory");
        String topic = TestKafka.newTopic("alerts", 1);
        InventorySettings settings = new InventorySettings(10, Map.of(), TestKafka.bootstrapServers(), topic,
                Map.of());
        String checkpoint = lake.dir().resolve("checkpoints/gold.inventory_positions").toString();

        // 12 in, then 3 out: 12 -> 9 crosses the threshold of 10 in one batch, then more sales stay below.
        lake.bronze(T0, restock("r1", "2026-11-20T08:00:00Z", 12), sale("s1", "2026-11-20T09:00:00Z", 3),
                sale("s2", "2026-11-20T09:30:00Z", 1));
        silver(lake);
        try (AlertSink kafka = new KafkaAlertSink(settings)) {
            InventoryPositionsJob crashing = new InventoryPositionsJob(gold, settings, new CrashAfterPublishing(kafka),
                    checkpoint, Duration.ofSeconds(1));
            assertThrows(StreamingQueryException.class,
                    () -> crashing.start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination());
            assertEquals(1, onTopic(topic).size(), "published before the crash");
            assertEquals(0, read(gold.tables().inventoryPositions()).count(), "positions not applied");

            // Restarted on the same checkpoint: the batch is replayed, the alert is neither written nor sent again.
            new InventoryPositionsJob(gold, settings, kafka, checkpoint, Duration.ofSeconds(1))
                    .start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination();
            assertEquals(8L, (long) read(gold.tables().inventoryPositions()).first().getAs("on_hand"));
            assertEquals(1, read(gold.tables().inventoryAlerts()).count());
            assertEquals(onTopic(topic), read(gold.tables().inventoryAlerts()).select("alert_id")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
            org.apache.spark.sql.Row alert = read(gold.tables().inventoryAlerts()).first();
            assertEquals("12 -> 9 (threshold 10)", alert.getAs("on_hand_before") + " -> " + alert.getAs("on_hand")
                    + " (threshold " + alert.getAs("reorder_threshold") + ")");

            // Back above, then below again in a later batch: a second crossing, a second alert.
            lake.bronze(T0.plusSeconds(60), restock("r2", "2026-11-20T10:00:00Z", 10),
                    sale("s3", "2026-11-20T11:00:00Z", 9));
            silver(lake);
            InventoryPositionsJob job = new InventoryPositionsJob(gold, settings, kafka, checkpoint,
                    Duration.ofSeconds(1));
            job.start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination();
            assertEquals(9L, (long) read(gold.tables().inventoryPositions()).first().getAs("on_hand"));
            assertEquals(2, read(gold.tables().inventoryAlerts()).count());
            assertEquals(2, onTopic(topic).size());
            assertEquals(1, job.alertsRaised());
            assertEquals(1, read(gold.tables().inventoryAlerts()).where(col("on_hand_before").equalTo(18)).count());

            // A backfill repairs silver: one line's quantity corrected (9 -> 5), one line removed (the 1 of s2).
            // The positions follow silver's change feed: the old rows are retracted, nothing is counted twice.
            String lines = gold.silver().orderLines().path();
            TestSpark.session().sql("UPDATE delta.`" + lines + "` SET quantity = 5 WHERE event_id = 'o-s3'");
            TestSpark.session().sql("DELETE FROM delta.`" + lines + "` WHERE event_id = 'o-s2'");
            new InventoryPositionsJob(gold, settings, kafka, checkpoint, Duration.ofSeconds(1))
                    .start(TestSpark.session(), StreamMode.AVAILABLE_NOW).awaitTermination();
            long fromSilver = 22 - read(gold.silver().orderLines()).agg(org.apache.spark.sql.functions.sum("quantity"))
                    .first().getLong(0);
            assertEquals(14L, fromSilver, "12 + 10 in; 3 + 5 out");
            assertEquals(fromSilver, (long) read(gold.tables().inventoryPositions()).first().getAs("on_hand"),
                    "the positions equal what silver now holds");
            assertEquals(2, read(gold.tables().inventoryAlerts()).count(), "going up raises no alert");
        }
    }
}
