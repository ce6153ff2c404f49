package io.eventlake.gold.inventory;

import io.eventlake.sink.EventSink;

/** Where low-stock alerts go: {@link KafkaAlertSink} in production, a list in tests. */
public interface AlertSink extends EventSink<LowStockAlert> {
}
