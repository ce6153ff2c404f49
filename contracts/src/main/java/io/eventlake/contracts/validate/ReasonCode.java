package io.eventlake.contracts.validate;

/** Why a record is quarantined. The wire name is what the quarantine table stores. */
public enum ReasonCode {
    /** The Kafka record has no value (e.g. a tombstone). */
    EMPTY_VALUE("empty_value"),
    /** The value is not UTF-8 text, or starts with a byte-order mark; detail: {@code bom} or {@code not_utf8}. */
    INVALID_ENCODING("invalid_encoding"),
    /** The value is not a JSON object, or one with a key twice. */
    MALFORMED_JSON("malformed_json"),
    /** A required envelope or payload field is absent or null; detail: the field path. */
    MISSING_FIELD("missing_field"),
    /** A field holds a value of another type than its contract says; detail: the field path. */
    WRONG_TYPE("wrong_type"),
    /**
     * A number beyond its contract type's range, precision or scale, or a timestamp or date outside the years
     * 1900 to 9999; detail: the field path.
     */
    OUT_OF_RANGE("out_of_range"),
    /**
     * An event time outside the plausible window around the record's Kafka timestamp ({@link EventTimeWindow});
     * detail: the field path.
     */
    IMPLAUSIBLE_TIME("implausible_time"),
    /**
     * The record could not be evaluated or written (a last line of defence: validation or the write threw);
     * detail: the exception's class.
     */
    UNPROCESSABLE("unprocessable"),
    /** No contract exists for the event type. */
    UNKNOWN_EVENT_TYPE("unknown_event_type"),
    /** The event type is known, but not in this schema version; detail: the version. */
    UNSUPPORTED_SCHEMA_VERSION("unsupported_schema_version");

    private final String wireName;

    ReasonCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
