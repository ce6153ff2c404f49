package io.eventlake.devtools.generate;

import io.eventlake.kafka.KafkaTopics;
import io.eventlake.errors.LakeErrors;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated events to a Kafka topic (created with the given partitions if absent), optionally paced, and
 * reports how many it sent per category. Idempotent producer, acks=all: what the report counts is on the broker.
 */
public final class KafkaEventWriter {
    private final String bootstrapServers;

    public KafkaEventWriter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param rate events per second; 0 for as fast as possible
     */
    public GenerationReport send(String topic, int partitions, Iterator<GeneratedEvent> events, double rate) {
        try {
            KafkaTopics.ensure(bootstrapServers, topic, partitions);
        } catch (RuntimeException e) {
            throw LakeErrors.kafkaProduceFailed(bootstrapServers, topic, e);
        }
        Map<FaultKind, Long> sent = new EnumMap<>(FaultKind.class);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            while (events.hasNext() && failure.get() == null) {
                GeneratedEvent event = events.next();
                pace(start, count, rate);
                producer.send(new ProducerRecord<>(topic, event.key().getBytes(StandardCharsets.UTF_8), event.value()),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                sent.merge(event.kind(), 1L, Long::sum);
                count++;
            }
            producer.flush();
        } catch (KafkaException e) {
            throw LakeErrors.kafkaProduceFailed(bootstrapServers, topic, e);
        }
        if (failure.get() != null) {
            throw LakeErrors.kafkaProduceFailed(bootstrapServers, topic, failure.get());
        }
        return new GenerationReport(topic, sent);
    }

    private static void pace(long startNanos, long sentSoFar, double rate) {
        if (rate <= 0) {
            return;
        }
        long due = startNanos + (long) (sentSoFar * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing events", e);
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
