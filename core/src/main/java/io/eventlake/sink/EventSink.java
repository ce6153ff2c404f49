package io.eventlake.sink;

import java.util.List;

/**
 * Where a job publishes events besides its Delta tables (a Kafka topic in production, an in-memory list in a test
 * that swaps it in through the job's constructor). The job's Delta commit is the record of what it raised; the sink
 * is told every batch, so it must take an event it already holds without sending it twice.
 *
 * @param <E> the events, e.g. gold's low-stock alerts
 */
public interface EventSink<E> extends AutoCloseable {
    /**
     * Publishes the events the destination does not hold yet, durably, before returning.
     *
     * @return how many were sent (the others were already there)
     */
    int publish(List<E> events);

    /** Where the events go, e.g. the topic name. */
    String destination();

    @Override
    void close();
}
