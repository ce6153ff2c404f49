package io.eventlake.gold.live;

import io.eventlake.sink.EventSink;

/** Where the fast path's positions go after each micro-batch: {@link KafkaPositionSink} in production. */
public interface PositionSink extends EventSink<LiveUpdate> {
}
