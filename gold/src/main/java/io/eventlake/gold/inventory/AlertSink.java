package io.eventlake.gold.inventory;

import java.util.List;

/** Where low-stock alerts go (a Kafka topic in production). */
public interface AlertSink extends AutoCloseable {
    /**
     * Publishes the alerts the destination does not hold yet, durably, before returning.
     *
     * @return how many were sent (the others were already there)
     */
    int publish(List<LowStockAlert> alerts);

    /** Where the alerts go, e.g. the topic name. */
    String destination();

    @Override
    void close();
}
