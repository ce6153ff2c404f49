package io.eventlake.testing;

import io.eventlake.kafka.KafkaTopics;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The real Kafka broker of a test JVM: a {@link LocalKafkaBroker} on free ports, started on first use and
 * stopped when the JVM exits. Each test uses topics of its own ({@link #newTopic}).
 */
public final class TestKafka {
    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static LocalKafkaBroker broker;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            String classpathFile = System.getProperty("eventlake.kafka.classpath-file");
            broker = LocalKafkaBroker.start(LocalKafkaBroker.Settings.onFreePorts(TestSpark.tempDir("kafka"),
                    classpathFile == null ? null : Path.of(classpathFile), "512m"));
            LocalKafkaBroker stopping = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(stopping::close));
        }
        return broker.bootstrapServers();
    }

    /** A new, empty topic with {@code partitions} partitions. */
    public static String newTopic(String prefix, int partitions) {
        String topic = prefix + "-" + TOPICS.incrementAndGet() + "-" + System.nanoTime();
        KafkaTopics.ensure(bootstrapServers(), topic, partitions);
        return topic;
    }

    /** Sends values (UTF-8) with keys, synchronously, in order; key i is values[i]'s key. */
    public static void send(String topic, List<String> keys, List<String> values) {
        sendBytes(topic, keys, values.stream()
                .map(v -> v == null ? null : v.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Sends raw values with keys, synchronously, in order; key i is values[i]'s key. */
    public static void sendBytes(String topic, List<String> keys, List<byte[]> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                String key = keys.get(i);
                producer.send(new ProducerRecord<>(topic,
                        key == null ? null : key.getBytes(StandardCharsets.UTF_8), values.get(i))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sending to " + topic + " failed", e);
        }
    }

}
