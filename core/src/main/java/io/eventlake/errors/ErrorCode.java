package io.eventlake.errors;

/** Stable identifiers of user-facing errors. The CLI maps {@link Kind#USER} to exit status 2. */
public enum ErrorCode {
    CONFIG_MISSING(Kind.USER),
    CONFIG_INVALID(Kind.USER),
    CONFIG_UNKNOWN(Kind.USER),
    CONFIG_FILE_NOT_FOUND(Kind.USER),
    CONFIG_OVERRIDE_MALFORMED(Kind.USER),
    OPTION_INVALID(Kind.USER),
    CONTRACTS_NOT_FOUND(Kind.USER),
    CONTRACT_INVALID(Kind.USER),
    CONTRACT_INCOMPATIBLE(Kind.USER),
    PII_KEY_MISSING(Kind.USER),
    TABLE_NAME_INVALID(Kind.USER),
    TABLE_SCHEMA_MISMATCH(Kind.USER),
    TABLE_LOCATION_CONFLICT(Kind.USER),
    TABLE_MISSING(Kind.USER),
    TABLE_UNKNOWN(Kind.USER),
    KAFKA_BROKER_FAILED(Kind.ENVIRONMENT),
    KAFKA_UNREACHABLE(Kind.ENVIRONMENT),
    KAFKA_TOPIC_MISSING(Kind.USER),
    KAFKA_BROKER_NOT_BUILT(Kind.ENVIRONMENT),
    KAFKA_PRODUCE_FAILED(Kind.ENVIRONMENT),
    STREAM_FAILED(Kind.ENVIRONMENT),
    TABLE_LOCKED(Kind.ENVIRONMENT),
    LAKE_NOT_WRITABLE(Kind.ENVIRONMENT),
    LAKE_DISK_FULL(Kind.ENVIRONMENT),
    LAKE_BUCKET_MISSING(Kind.USER),
    LAKE_ACCESS_DENIED(Kind.USER),
    LAKE_UNREACHABLE(Kind.ENVIRONMENT),
    RECONCILIATION_FAILED(Kind.ENVIRONMENT),
    QUALITY_RULES_INVALID(Kind.USER),
    GATE_BLOCKED(Kind.USER),
    AUDIT_FAILED(Kind.USER),
    VERSION_MISSING(Kind.USER),
    RUN_MISSING(Kind.USER),
    ROLLBACK_REFUSED(Kind.USER),
    SQL_INVALID(Kind.USER),
    SQL_WRITE_REFUSED(Kind.USER),
    SQL_SERVER_NO_PASSWORD(Kind.USER),
    SQL_SERVER_PASSWORD_FILE_UNSAFE(Kind.USER),
    SQL_SERVER_NEEDS_SPARK(Kind.USER),
    SQL_SERVER_NOT_STARTED(Kind.ENVIRONMENT);

    /** Whether the user can fix the error by changing their input, or it comes from the environment. */
    public enum Kind { USER, ENVIRONMENT }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
