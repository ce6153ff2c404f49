package io.eventlake.bronze.validate;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of validating one record: the envelope fields that could be parsed (null where not) and the
 * reasons it is invalid (empty when valid).
 */
public record Validation(String eventId, String eventType, Integer schemaVersion, Instant occurredAt,
                         String producer, String correlationId, List<Reason> reasons) {

    public boolean isValid() {
        return reasons.isEmpty();
    }
}
