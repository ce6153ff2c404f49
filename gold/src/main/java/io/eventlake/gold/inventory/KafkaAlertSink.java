package io.eventlake.gold.inventory;

import io.eventlake.kafka.KafkaTopics;
import io.eventlake.errors.LakeErrors;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes alerts to a Kafka topic exactly once per alert id: on first use it reads the ids already on the topic,
 * then sends only the others with an idempotent producer ({@code acks=all}) and waits for every acknowledgement.
 * A micro-batch replayed after a crash therefore re-sends only what never reached the topic. Holds as long as the
 * topic retains its alerts (set its retention accordingly); the deterministic alert id lets consumers de-duplicate
 * beyond that.
 */
public final class KafkaAlertSink implements AlertSink {
    private final InventorySettings settings;
    private KafkaProducer<byte[], byte[]> producer;
    private Set<String> published;

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
        if (published == null) {
            KafkaTopics.ensure(settings.bootstrapServers(), settings.alertsTopic(), 1);
            published = readPublished();
            producer = new KafkaProducer<>(clientConfig(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")), new ByteArraySerializer(),
                    new ByteArraySerializer());
        }
        int sent = 0;
        try {
            List<Future<?>> acks = new java.util.ArrayList<>();
            for (LowStockAlert alert : alerts) {
                if (!published.contains(alert.alertId())) {
                    acks.add(producer.send(new ProducerRecord<>(settings.alertsTopic(), alert.key(), alert.value())));
                    sent++;
                }
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LakeErrors.kafkaProduceFailed(settings.bootstrapServers(), settings.alertsTopic(), e);
        } catch (ExecutionException e) {
            throw LakeErrors.kafkaProduceFailed(settings.bootstrapServers(), settings.alertsTopic(), e.getCause());
        }
        alerts.forEach(alert -> published.add(alert.alertId()));
        return sent;
    }

    /** The alert ids on the topic now, read from the beginning to the current end. */
    private Set<String> readPublished() {
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clientConfig(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.alertsTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = LowStockAlert.alertIdOf(record.value());
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
        }
        return ids;
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
    }
}
