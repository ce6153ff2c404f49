package io.eventlake.bronze;

import java.util.List;
import java.util.Map;

/**
 * Where and how bronze consumes Kafka.
 *
 * @param bootstrapServers     {@code host:port[,host:port]}
 * @param topics               topics to subscribe to
 * @param startingOffsets      {@code earliest} or {@code latest}; only used when the checkpoint is new
 * @param maxOffsetsPerTrigger backpressure: at most this many records per micro-batch
 * @param options              extra Kafka source options passed through verbatim (e.g. {@code kafka.security.protocol})
 */
public record KafkaSourceSettings(String bootstrapServers, List<String> topics, String startingOffsets,
                                  long maxOffsetsPerTrigger, Map<String, String> options) {
    public KafkaSourceSettings {
        topics = List.copyOf(topics);
        options = Map.copyOf(options);
    }
}
