package io.eventlake.devtools.generate;

/**
 * The categories of generated events. Each says which bronze quarantine reason code it must produce
 * (null: it is valid and must land as a valid bronze row).
 */
public enum FaultKind {
    /** A valid version-1 event. */
    VALID("valid", null),
    /** A valid event in version 2 of its contract (with the new optional field). */
    VERSION_2("version-2", null),
    /** The exact bytes of an event sent before, as a retrying producer would. */
    DUPLICATE("duplicate", null),
    /** A valid event whose occurred_at lies days in the past. */
    LATE("late", null),
    /** A customer update older than one already sent for the same customer. */
    OUT_OF_ORDER("out-of-order", null),
    /** Valid for bronze (any string), but not an ISO-4217 currency: silver's conformance quarantines it. */
    INVALID_CURRENCY("invalid-currency", null),
    /** A truncated JSON document. */
    MALFORMED_JSON("malformed-json", "malformed_json"),
    /** A required payload field removed. */
    MISSING_FIELD("missing-field", "missing_field"),
    /** A number sent as text. */
    WRONG_TYPE("wrong-type", "wrong_type"),
    /** An event type no contract describes. */
    UNKNOWN_EVENT_TYPE("unknown-event-type", "unknown_event_type"),
    /** A schema version newer than any contract. */
    UNSUPPORTED_SCHEMA_VERSION("unsupported-schema-version", "unsupported_schema_version");

    private final String configName;
    private final String reasonCode;

    FaultKind(String configName, String reasonCode) {
        this.configName = configName;
        this.reasonCode = reasonCode;
    }

    /** The key under {@code eventlake.generator.faults}, and the label in reports. */
    public String configName() {
        return configName;
    }

    /** The bronze quarantine reason code this kind must produce; null for a valid kind. */
    public String reasonCode() {
        return reasonCode;
    }

    public boolean isValid() {
        return reasonCode == null;
    }
}
