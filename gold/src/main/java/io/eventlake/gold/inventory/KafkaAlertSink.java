package io.eventlake.gold.inventory;

import io.eventlake.kafka.KafkaTopics;
import io.eventlake.kafka.TopicReader;
import io.eventlake.errors.LakeErrors;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes alerts to a Kafka topic exactly once per alert id: before each publication it reads what the topic
 * gained since the last one (everything on first use), then sends only the ids the topic lacks with an idempotent
 * producer ({@code acks=all}) and waits for every acknowledgement. A micro-batch replayed after a crash therefore
 * re-sends only what never reached the topic, and two paths publishing to one topic (the fast path first, the
 * analytical path later) send each alert once. Holds as long as the topic retains its alerts (set its retention
 * accordingly); the deterministic alert id lets consumers de-duplicate beyond that.
 */
public final class KafkaAlertSink implements AlertSink {
    private final InventorySettings settings;
    private KafkaProducer<byte[], byte[]> producer;
    private TopicReader topic;
    private final Set<String> published = new HashSet<>();

    public KafkaAlertSink(InventorySettings settings) {
        this.settings = settings;
    }

    @Override
    public String destination() {
        return settings.alertsTopic();
    }

    @Override
    public synchronized int publish(List<LowStockAlert> alerts) {
        if (alerts.isEmpty()) {
            return 0;
        }
        if (topic == null) {
            KafkaTopics.ensure(settings.bootstrapServers(), settings.alertsTopic(), 1);
            topic = new TopicReader(settings.bootstrapServers(), settings.alertsTopic(), settings.kafkaOptions());
            producer = new KafkaProducer<>(clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "0")),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        topic.catchUp(record -> {
            String id = LowStockAlert.alertIdOf(record.value());
            if (id != null) {
                published.add(id);
            }
        });
        List<String> sending = new java.util.ArrayList<>();
        try {
            List<Future<?>> acks = new java.util.ArrayList<>();
            for (LowStockAlert alert : alerts) {
                if (published.add(alert.alertId())) {
                    acks.add(producer.send(new ProducerRecord<>(settings.alertsTopic(), alert.key(), alert.value())));
                    sending.add(alert.alertId());
                }
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sending.forEach(published::remove);
            throw LakeErrors.kafkaProduceFailed(settings.bootstrapServers(), settings.alertsTopic(), e);
        } catch (ExecutionException e) {
            // what was not acknowledged may be missing: the next publication reads the topic to find out
            sending.forEach(published::remove);
            throw LakeErrors.kafkaProduceFailed(settings.bootstrapServers(), settings.alertsTopic(), e.getCause());
        }
        return sending.size();
    }

    private Map<String, Object> clientConfig(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>();
        settings.kafkaOptions().forEach(config::put);
        config.put("bootstrap.servers", settings.bootstrapServers());
        config.putAll(extra);
        return config;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        if (topic != null) {
            topic.close();
            topic = null;
        }
    }
}
