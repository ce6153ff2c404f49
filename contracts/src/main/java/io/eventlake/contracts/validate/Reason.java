package io.eventlake.contracts.validate;

/**
 * One machine-readable reason a record failed validation, rendered as {@code code} or {@code code:detail},
 * e.g. {@code missing_field:order_id}, {@code unsupported_schema_version:3}.
 *
 * @param code   what kind of failure
 * @param detail the field path or value concerned; null when the code says it all
 */
public record Reason(ReasonCode code, String detail) {

    public static Reason of(ReasonCode code) {
        return new Reason(code, null);
    }

    public static Reason of(ReasonCode code, String detail) {
        return new Reason(code, detail);
    }

    @Override
    public String toString() {
        return detail == null ? code.wireName() : code.wireName() + ":" + detail;
    }
}
