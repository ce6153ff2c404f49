package io.eventlake.bronze.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.bronze.contract.EventContract;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
 * <p>Wire rules: timestamps are ISO-8601 instants ({@code 2026-11-21T10:15:30Z}), dates ISO dates, decimals
 * JSON numbers within the contract's precision and scale, enums one of their symbols. Fields with a default or a
 * {@code null} branch may be absent; unknown extra fields are allowed (forward compatibility).
 *
 * <p>Pure and thread-safe; serializable so Spark can ship it to executors.
 */
public final class EventValidator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ContractRegistry contracts;

    public EventValidator(ContractRegistry contracts) {
        this.contracts = contracts;
    }

    public Validation validate(byte[] value) {
        if (value == null || value.length == 0) {
            return invalid(Reason.of(ReasonCode.EMPTY_VALUE));
        }
        JsonNode event;
        try {
            event = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return invalid(Reason.of(ReasonCode.MALFORMED_JSON));
        } catch (IOException e) {
            throw new IllegalStateException("reading an in-memory byte array failed", e);
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

    private static Validation invalid(Reason reason) {
        return new Validation(null, null, null, null, null, null, List.of(reason));
    }

    // ---- structural checks against an Avro schema ---------------------------------------------------------

    private static void checkRecord(JsonNode node, Schema record, String prefix, List<Reason> reasons) {
        for (Schema.Field field : record.getFields()) {
            String path = prefix + field.name();
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                if (!allowsNull(field.schema()) && !field.hasDefaultValue()) {
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
                if (!acceptsScalar(value, schema)) {
                    reasons.add(Reason.of(ReasonCode.WRONG_TYPE, path));
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

    private static boolean acceptsScalar(JsonNode value, Schema schema) {
        LogicalType logical = schema.getLogicalType();
        return switch (schema.getType()) {
            case NULL -> value.isNull();
            case BOOLEAN -> value.isBoolean();
            case INT -> logical instanceof LogicalTypes.Date
                    ? value.isTextual() && isDate(value.textValue())
                    : value.isIntegralNumber() && value.canConvertToInt();
            case LONG -> logical instanceof LogicalTypes.TimestampMillis
                    || logical instanceof LogicalTypes.TimestampMicros
                    ? value.isTextual() && parseInstant(value.textValue()) != null
                    : value.isIntegralNumber() && value.canConvertToLong();
            case FLOAT, DOUBLE -> value.isNumber();
            case BYTES, FIXED -> logical instanceof LogicalTypes.Decimal decimal
                    ? value.isNumber() && fits(decimal(value), decimal)
                    : value.isTextual();
            case STRING -> value.isTextual();
            case ENUM -> value.isTextual() && schema.getEnumSymbols().contains(value.textValue());
            default -> false;
        };
    }

    private static boolean allowsNull(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    /** The number as written: a double's shortest round-trip text, never its binary expansion. */
    private static BigDecimal decimal(JsonNode number) {
        return number.isFloatingPointNumber() ? new BigDecimal(number.asText()) : number.decimalValue();
    }

    private static boolean fits(BigDecimal number, LogicalTypes.Decimal decimal) {
        BigDecimal stripped = number.stripTrailingZeros();
        int scale = Math.max(stripped.scale(), 0);
        int integerDigits = stripped.precision() - stripped.scale();
        return scale <= decimal.getScale() && integerDigits <= decimal.getPrecision() - decimal.getScale();
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An ISO-8601 instant with an offset ({@code Z} or {@code +01:00}), or null when it is not one. */
    public static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
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
