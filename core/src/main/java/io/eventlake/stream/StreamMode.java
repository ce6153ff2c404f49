package io.eventlake.stream;

import java.time.Duration;
import org.apache.spark.sql.streaming.Trigger;

/** How a streaming job is triggered. */
public enum StreamMode {
    /** A micro-batch every trigger interval until stopped. */
    CONTINUOUS,
    /** Process what the source holds now (respecting its rate limits), then stop: what schedulers use. */
    AVAILABLE_NOW;

    /** {@code continuous} or {@code available-now}, as runs record it. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public Trigger trigger(Duration interval) {
        return this == AVAILABLE_NOW ? Trigger.AvailableNow() : Trigger.ProcessingTime(interval.toMillis());
    }
}
