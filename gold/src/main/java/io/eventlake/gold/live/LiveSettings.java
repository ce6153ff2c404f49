package io.eventlake.gold.live;

import io.eventlake.bronze.KafkaSourceSettings;
import java.time.Duration;

/**
 * The fast path's settings ({@code eventlake.gold.inventory.fast-path}).
 *
 * @param enabled         whether a continuous pipeline runs the fast path (then it publishes the alerts first, and
 *                        the analytical path publishes only those the topic lacks)
 * @param source          the Kafka topics it reads: bronze's
 * @param checkpoint      its checkpoint folder (offsets and the positions' state)
 * @param triggerInterval its micro-batch interval: the latency it adds at most
 * @param dedupWindow     how long after a change a copy of its event is still recognised and dropped
 * @param positionsTopic  the compacted topic the positions go to after each batch (key {@code store:sku})
 * @param statePartitions partitions of the positions' state: one task per partition per micro-batch (fixed by the
 *                        checkpoint once it exists)
 */
public record LiveSettings(boolean enabled, KafkaSourceSettings source, String checkpoint, Duration triggerInterval,
                           Duration dedupWindow, String positionsTopic, int statePartitions) {
}
