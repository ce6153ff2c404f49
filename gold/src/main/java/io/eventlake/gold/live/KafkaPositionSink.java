package io.eventlake.gold.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes the fast path's positions to a compacted topic, key {@code store:sku}, value
 * {@code {"store_id", "sku", "on_hand", "reorder_threshold", "updated_at"}}: the topic's latest record per key is the
 * position now, for operational consumers and for {@link InventoryReconciliation}. Re-publishing a position is
 * harmless (the same value under the same key). Created with one partition and {@code cleanup.policy=compact} when
 * missing.
 */
public final class KafkaPositionSink implements PositionSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final InventorySettings inventory;
    private final String topic;
    private KafkaProducer<byte[], byte[]> producer;

    public KafkaPositionSink(InventorySettings inventory, String topic) {
        this.inventory = inventory;
        this.topic = topic;
    }

    @Override
    public String destination() {
        return topic;
    }

    /** The record key of a position. */
    public static String key(String storeId, String sku) {
        return storeId + ":" + sku;
    }

    /** The record value of a position. */
    public static byte[] value(LiveUpdate position) {
        ObjectNode node = JSON.createObjectNode()
                .put("store_id", position.getStoreId())
                .put("sku", position.getSku())
                .put("on_hand", position.getOnHand())
                .put("reorder_threshold", position.getReorderThreshold())
                .put("updated_at", position.getOccurredAt() == null ? null
                        : position.getOccurredAt().toInstant().toString());
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized int publish(List<LiveUpdate> positions) {
        if (positions.isEmpty()) {
            return 0;
        }
        if (producer == null) {
            KafkaTopics.ensure(inventory.bootstrapServers(), topic, 1, Map.of("cleanup.policy", "compact"));
            Map<String, Object> config = new HashMap<>(inventory.kafkaOptions());
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, inventory.bootstrapServers());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        try {
            List<Future<?>> acks = new ArrayList<>();
            for (LiveUpdate position : positions) {
                acks.add(producer.send(new ProducerRecord<>(topic, key(position.getStoreId(), position.getSku())
                        .getBytes(StandardCharsets.UTF_8), value(position))));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LakeErrors.kafkaProduceFailed(inventory.bootstrapServers(), topic, e);
        } catch (ExecutionException e) {
            throw LakeErrors.kafkaProduceFailed(inventory.bootstrapServers(), topic, e.getCause());
        }
        return positions.size();
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
