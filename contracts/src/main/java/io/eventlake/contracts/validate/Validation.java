package io.eventlake.contracts.validate;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of validating one record: the envelope fields that could be parsed (null where not) and the
 * reasons it is invalid (empty when valid).
 */
public record Validation(String eventId, String eventType, Integer schemaVersion, Instant occurredAt,
                         String producer, String correlationId, List<Reason> reasons) {

    /** A record that could not be evaluated: nothing parsed, reason {@code unprocessable:<class of failure>}. */
    public static Validation unprocessable(Throwable failure) {
        return new Validation(null, null, null, null, null, null,
                List.of(Reason.of(ReasonCode.UNPROCESSABLE, failure.getClass().getName())));
    }

    public boolean isValid() {
        return reasons.isEmpty();
    }
}
