package io.eventlake.contracts.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.EventContract;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Validates a raw record value (JSON on the wire) against the envelope and the payload contract its
 * {@code event_type} and {@code schema_version} select.
 *
 * <p>Wire rules: the value is UTF-8 without a byte-order mark ({@code invalid_encoding} otherwise), one JSON object
 * with no key twice ({@code malformed_json}); timestamps are ISO-8601 instants ({@code 2026-11-21T10:15:30Z}) and
 * dates ISO dates, both within {@link #EARLIEST} and {@link #LATEST} (what Spark and Delta write; {@code out_of_range}
 * otherwise); decimals are JSON numbers within the contract's precision and scale, integers and floating-point
 * numbers within their type's range ({@code out_of_range}); enums are one of their symbols; a required string is
 * not blank ({@code missing_field}). Fields with a default or a {@code null} branch may be absent; unknown extra
 * fields are allowed (forward compatibility).
 *
 * <p>Total: every value yields a {@link Validation}, never an exception. What the validator accepts, silver's
 * parser reads to the same values (both are tested on one corpus).
 *
 * <p>Pure and thread-safe; serializable so Spark can ship it to executors. Not final only as a test hook: a test
 * stands in a validator whose verdict the Delta writer refuses, to prove the job's last line of defence.
 */
public class EventValidator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    /** The earliest instant or date a record may hold: Spark refuses to write older ones without rebasing. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** The latest instant or date a record may hold: the end of year 9999, as Spark's SQL types allow. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ContractRegistry contracts;
    private final EventTimeWindow eventTime;

    /** A validator with the {@link EventTimeWindow#DEFAULT} window. */
    public EventValidator(ContractRegistry contracts) {
        this(contracts, EventTimeWindow.DEFAULT);
    }

    public EventValidator(ContractRegistry contracts, EventTimeWindow eventTime) {
        this.contracts = contracts;
        this.eventTime = eventTime;
    }

    /**
     * {@link #validate(byte[])}, and {@code occurred_at} must lie in the event-time window around {@code receivedAt}
     * (the record's Kafka timestamp; null skips that check).
     */
    public Validation validate(byte[] value, Instant receivedAt) {
        Validation v = validate(value);
        if (receivedAt == null || v.occurredAt() == null || eventTime.contains(v.occurredAt(), receivedAt)) {
            return v;
        }
        List<Reason> reasons = new ArrayList<>(v.reasons());
        reasons.add(Reason.of(ReasonCode.IMPLAUSIBLE_TIME, "occurred_at"));
        return new Validation(v.eventId(), v.eventType(), v.schemaVersion(), v.occurredAt(), v.producer(),
                v.correlationId(), List.copyOf(reasons));
    }

    /** The record's verdict from its value alone (no event-time window). */
    public Validation validate(byte[] value) {
        if (value == null || value.length == 0) {
            return invalid(Reason.of(ReasonCode.EMPTY_VALUE));
        }
        JsonNode event;
        try {
            if (plainAscii(value)) {
                // Most values: valid UTF-8 by construction, parsed from the bytes without decoding them first.
                event = JSON.readTree(value);
            } else {
                String text = utf8(value);
                if (text == null) {
                    return invalid(Reason.of(ReasonCode.INVALID_ENCODING,
                            startsWith(value, UTF8_BOM) ? "bom" : "not_utf8"));
                }
                event = JSON.readTree(text);
            }
        } catch (IOException e) { // a parse error: the bytes are in memory, nothing else is thrown
            return invalid(Reason.of(ReasonCode.MALFORMED_JSON));
        }
        if (event == null || !event.isObject()) {
            return invalid(Reason.of(ReasonCode.MALFORMED_JSON));
        }

        List<Reason> reasons = new ArrayList<>();
        checkRecord(event, contracts.envelope(), "", reasons);

        String eventType = text(event, "event_type");
        Integer version = integer(event, "schema_version");
        JsonNode payload = event.get(ContractRegistry.PAYLOAD_FIELD);
        if (payload == null || payload.isNull()) {
            reasons.add(Reason.of(ReasonCode.MISSING_FIELD, ContractRegistry.PAYLOAD_FIELD));
        } else if (!payload.isObject()) {
            reasons.add(Reason.of(ReasonCode.WRONG_TYPE, ContractRegistry.PAYLOAD_FIELD));
        }
        if (eventType != null && !contracts.knows(eventType)) {
            reasons.add(Reason.of(ReasonCode.UNKNOWN_EVENT_TYPE));
        } else if (eventType != null && version != null) {
            Optional<EventContract> contract = contracts.find(eventType, version);
            if (contract.isEmpty()) {
                reasons.add(Reason.of(ReasonCode.UNSUPPORTED_SCHEMA_VERSION, String.valueOf(version)));
            } else if (payload != null && payload.isObject()) {
                checkRecord(payload, contract.get().payloadSchema(), "", reasons);
            }
        }
        return new Validation(text(event, "event_id"), eventType, version, instant(event.get("occurred_at")),
                text(event, "producer"), text(event, "correlation_id"), List.copyOf(reasons));
    }

    /**
     * The value as text when it is UTF-8 without a byte-order mark or NUL character (JSON escapes it); null otherwise
     * (UTF-16, Latin-1, ...).
     */
    private static String utf8(byte[] value) {
        if (startsWith(value, UTF8_BOM)) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        return text.indexOf('\u0000') < 0 ? text : null; // NUL bytes: UTF-16 or UTF-32 without a BOM
    }

    /** Whether every byte is ASCII other than NUL: such a value is UTF-8 and reads the same either way. */
    private static boolean plainAscii(byte[] value) {
        for (byte b : value) {
            if (b <= 0) { // NUL, or the high bit set (a multi-byte sequence, a BOM, Latin-1, ...)
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        if (value.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (value[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Validation invalid(Reason reason) {
        return new Validation(null, null, null, null, null, null, List.of(reason));
    }

    // ---- structural checks against an Avro schema ---------------------------------------------------------

    private static void checkRecord(JsonNode node, Schema record, String prefix, List<Reason> reasons) {
        for (Schema.Field field : record.getFields()) {
            String path = prefix + field.name();
            JsonNode value = node.get(field.name());
            boolean required = !allowsNull(field.schema()) && !field.hasDefaultValue();
            if (value == null || value.isNull() || required && value.isTextual() && value.textValue().isBlank()
                    && field.schema().getType() == Schema.Type.STRING) {
                if (required) {
                    reasons.add(Reason.of(ReasonCode.MISSING_FIELD, path));
                }
            } else {
                check(value, field.schema(), path, reasons);
            }
        }
    }

    private static void check(JsonNode value, Schema schema, String path, List<Reason> reasons) {
        switch (schema.getType()) {
            case UNION -> checkUnion(value, schema, path, reasons);
            case RECORD -> {
                if (value.isObject()) {
                    checkRecord(value, schema, path + ".", reasons);
                } else {
                    reasons.add(Reason.of(ReasonCode.WRONG_TYPE, path));
                }
            }
            case ARRAY -> {
                if (!value.isArray()) {
                    reasons.add(Reason.of(ReasonCode.WRONG_TYPE, path));
                    return;
                }
                for (JsonNode element : value) {
                    int before = reasons.size();
                    check(element, schema.getElementType(), path, reasons);
                    if (reasons.size() > before) {
                        return; // one element's reasons name the path; the rest would repeat them
                    }
                }
            }
            case MAP -> {
                if (!value.isObject()) {
                    reasons.add(Reason.of(ReasonCode.WRONG_TYPE, path));
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    check(it.next().getValue(), schema.getValueType(), path, reasons);
                }
            }
            default -> {
                ReasonCode problem = checkScalar(value, schema);
                if (problem != null) {
                    reasons.add(Reason.of(problem, path));
                }
            }
        }
    }

    private static void checkUnion(JsonNode value, Schema union, String path, List<Reason> reasons) {
        List<Reason> closest = null;
        for (Schema branch : union.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            List<Reason> attempt = new ArrayList<>();
            check(value, branch, path, attempt);
            if (attempt.isEmpty()) {
                return;
            }
            closest = closest == null ? attempt : List.of(Reason.of(ReasonCode.WRONG_TYPE, path));
        }
        reasons.addAll(closest == null ? List.of(Reason.of(ReasonCode.WRONG_TYPE, path)) : closest);
    }

    /** Null when {@code value} is a valid {@code schema} scalar; otherwise why not. */
    private static ReasonCode checkScalar(JsonNode value, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> value.isNull() ? null : ReasonCode.WRONG_TYPE;
            case BOOLEAN -> value.isBoolean() ? null : ReasonCode.WRONG_TYPE;
            case INT -> logical instanceof LogicalTypes.Date
                    ? checkDate(value)
                    : integral(value, value.canConvertToInt());
            case LONG -> logical instanceof LogicalTypes.TimestampMillis
                    || logical instanceof LogicalTypes.TimestampMicros
                    ? checkInstant(value)
                    : integral(value, value.canConvertToLong());
            case FLOAT -> floating(value, Float.MAX_VALUE);
            case DOUBLE -> floating(value, Double.MAX_VALUE);
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal decimal
                    ? !value.isNumber() ? ReasonCode.WRONG_TYPE
                    : fits(finite(value), decimal) ? null : ReasonCode.OUT_OF_RANGE
                    : value.isTextual() ? null : ReasonCode.WRONG_TYPE;
            case STRING -> value.isTextual() ? null : ReasonCode.WRONG_TYPE;
            case ENUM -> value.isTextual() && schema.getEnumSymbols().contains(value.textValue())
                    ? null : ReasonCode.WRONG_TYPE;
            default -> ReasonCode.WRONG_TYPE;
        };
    }

    private static ReasonCode integral(JsonNode value, boolean fits) {
        if (!value.isIntegralNumber()) {
            return ReasonCode.WRONG_TYPE;
        }
        return fits ? null : ReasonCode.OUT_OF_RANGE;
    }

    private static ReasonCode floating(JsonNode value, double max) {
        if (!value.isNumber()) {
            return ReasonCode.WRONG_TYPE;
        }
        BigDecimal number = finite(value);
        return number != null && number.abs().compareTo(BigDecimal.valueOf(max)) <= 0 ? null : ReasonCode.OUT_OF_RANGE;
    }

    /** A JSON number's exact value; null for one beyond every finite value (Jackson reads {@code 1e400} as infinity). */
    private static BigDecimal finite(JsonNode number) {
        if (number.isDouble() && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        try {
            return number.decimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static ReasonCode checkInstant(JsonNode value) {
        if (!value.isTextual()) {
            return ReasonCode.WRONG_TYPE;
        }
        Instant instant = parseAnyInstant(value.textValue());
        if (instant == null) {
            return ReasonCode.WRONG_TYPE;
        }
        return inRange(instant) ? null : ReasonCode.OUT_OF_RANGE;
    }

    private static ReasonCode checkDate(JsonNode value) {
        if (!value.isTextual()) {
            return ReasonCode.WRONG_TYPE;
        }
        LocalDate date = parseDate(value.textValue());
        if (date == null) {
            return ReasonCode.WRONG_TYPE;
        }
        return inRange(date.atStartOfDay().toInstant(ZoneOffset.UTC)) ? null : ReasonCode.OUT_OF_RANGE;
    }

    private static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static boolean allowsNull(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static boolean fits(BigDecimal number, LogicalTypes.Decimal decimal) {
        if (number == null) {
            return false;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        int scale = Math.max(stripped.scale(), 0);
        int integerDigits = stripped.precision() - stripped.scale();
        return scale <= decimal.getScale() && integerDigits <= decimal.getPrecision() - decimal.getScale();
    }

    private static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * An ISO-8601 instant with an offset ({@code Z} or {@code +01:00}) within {@link #EARLIEST} and {@link #LATEST},
     * or null when it is not one.
     */
    public static Instant parseInstant(String text) {
        Instant instant = parseAnyInstant(text);
        return instant != null && inRange(instant) ? instant : null;
    }

    private static Instant parseAnyInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    // ---- envelope fields, parsed where possible -----------------------------------------------------------

    private static String text(JsonNode event, String field) {
        JsonNode node = event.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static Integer integer(JsonNode event, String field) {
        JsonNode node = event.get(field);
        return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    private static Instant instant(JsonNode node) {
        return node != null && node.isTextual() ? parseInstant(node.textValue()) : null;
    }
}
