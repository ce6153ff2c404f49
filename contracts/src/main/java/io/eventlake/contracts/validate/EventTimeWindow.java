package io.eventlake.contracts.validate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * How far an event's {@code occurred_at} may lie from the moment Kafka received it: at most {@code maxAge} before,
 * at most {@code maxFuture} after. Outside it the event is quarantined in bronze as
 * {@code implausible_time:occurred_at} (a clock set to 1970, a date typed as 2100), so no layer downstream sums it
 * into a day that never happened or builds decades of daily feature rows for it. Judged against the record's own
 * Kafka timestamp, never a wall clock, so a replay judges it the same.
 *
 * @param maxAge    how old an event may be when it arrives (backfills of old history need a larger one)
 * @param maxFuture how far ahead of its arrival an event may be dated (producer clock skew)
 */
public record EventTimeWindow(Duration maxAge, Duration maxFuture) implements Serializable {
    /** Ten years back, one day ahead. */
    public static final EventTimeWindow DEFAULT = new EventTimeWindow(Duration.ofDays(3650), Duration.ofDays(1));

    public EventTimeWindow {
        if (maxAge.isNegative() || maxFuture.isNegative()) {
            throw new IllegalArgumentException("event-time window bounds must not be negative: " + maxAge + ", "
                    + maxFuture);
        }
    }

    /** Whether an event that occurred at {@code occurredAt} is plausible for a record received at {@code receivedAt}. */
    public boolean contains(Instant occurredAt, Instant receivedAt) {
        return !occurredAt.isBefore(receivedAt.minus(maxAge)) && !occurredAt.isAfter(receivedAt.plus(maxFuture));
    }
}
