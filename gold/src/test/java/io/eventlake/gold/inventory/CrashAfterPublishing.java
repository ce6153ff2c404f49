package io.eventlake.gold.inventory;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Test hook: an {@link AlertSink} that publishes through another, then fails once, on the first non-empty
 * publication, as if the process died after the alerts reached the topic and before the micro-batch committed.
 */
public final class CrashAfterPublishing implements AlertSink {
    private final AlertSink sink;
    private final AtomicBoolean crashed = new AtomicBoolean();

    public CrashAfterPublishing(AlertSink sink) {
        this.sink = sink;
    }

    @Override
    public int publish(List<LowStockAlert> alerts) {
        int sent = sink.publish(alerts);
        if (!alerts.isEmpty() && crashed.compareAndSet(false, true)) {
            throw new IllegalStateException("simulated crash after publishing");
        }
        return sent;
    }

    @Override
    public String destination() {
        return sink.destination();
    }

    @Override
    public void close() {
        sink.close();
    }
}
