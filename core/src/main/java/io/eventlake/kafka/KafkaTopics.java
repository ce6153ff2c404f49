package io.eventlake.kafka;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration against any broker. */
public final class KafkaTopics {
    private KafkaTopics() {
    }

    /** Creates the topic with {@code partitions} partitions unless it exists (then it is left as it is). */
    public static void ensure(String bootstrapServers, String topic, int partitions) {
        ensure(bootstrapServers, topic, partitions, Map.of());
    }

    /**
     * Creates the topic with {@code partitions} partitions and topic {@code configs} (e.g.
     * {@code cleanup.policy=compact}) unless it exists (then it is left as it is).
     */
    public static void ensure(String bootstrapServers, String topic, int partitions, Map<String, String> configs) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("creating topic " + topic + " failed: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " timed out on " + bootstrapServers, e);
        }
    }

    /** Whether {@code topic} exists on the cluster. */
    public static boolean exists(String bootstrapServers, String topic) {
        try (Admin admin = admin(bootstrapServers)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException e) {
            throw io.eventlake.errors.LakeErrors.kafkaUnreachable(bootstrapServers, 30, e.getCause());
        } catch (TimeoutException e) {
            throw io.eventlake.errors.LakeErrors.kafkaUnreachable(bootstrapServers, 30, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics on " + bootstrapServers, e);
        }
    }

    /**
     * Fails fast, with a clear error, when the broker does not answer or a topic is missing, instead of letting a
     * streaming query retry for minutes. {@code sourceOptions} are the Kafka source's options: those prefixed
     * {@code kafka.} (security settings, say) configure the check's client too.
     */
    public static void requireTopics(String bootstrapServers, List<String> topics, Map<String, String> sourceOptions,
                                     java.time.Duration timeout) {
        Properties props = new Properties();
        sourceOptions.forEach((key, value) -> {
            if (key.startsWith("kafka.")) {
                props.put(key.substring("kafka.".length()), value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        java.util.Set<String> existing;
        try (Admin admin = Admin.create(props)) {
            existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw io.eventlake.errors.LakeErrors.kafkaUnreachable(bootstrapServers, timeout.toSeconds(),
                    e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking Kafka", e);
        }
        for (String topic : topics) {
            if (!existing.contains(topic)) {
                throw io.eventlake.errors.LakeErrors.kafkaTopicMissing(topic, bootstrapServers, existing);
            }
        }
    }

    /** An admin client with short timeouts (a broker that does not answer fails in seconds). */
    public static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
        return Admin.create(props);
    }
}
