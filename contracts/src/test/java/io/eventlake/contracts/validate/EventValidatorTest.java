package io.eventlake.contracts.validate;

import static io.eventlake.testing.SampleEvents.customerUpdatedV2;
import static io.eventlake.testing.SampleEvents.json;
import static io.eventlake.testing.SampleEvents.orderPlaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.contracts.ContractRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class EventValidatorTest {
    private static final EventValidator VALIDATOR =
            new EventValidator(ContractRegistry.load(ContractRegistry.CLASSPATH));

    private static Validation validate(String value) {
        return VALIDATOR.validate(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> reasons(ObjectNode event) {
        return validate(json(event)).reasons().stream().map(Reason::toString).toList();
    }

    @Test
    void aValidEventHasNoReasonsAndItsEnvelopeParsed() {
        Validation v = validate(json(customerUpdatedV2("e-1")));

        assertTrue(v.isValid(), v.reasons().toString());
        assertEquals("e-1", v.eventId());
        assertEquals("customer_updated", v.eventType());
        assertEquals(2, v.schemaVersion());
        assertEquals(Instant.parse("2026-11-20T09:15:30.250Z"), v.occurredAt());
        assertEquals("crm", v.producer());
        assertEquals("flow-7", v.correlationId());
    }

    @Test
    void optionalFieldsMayBeAbsentAndUnknownExtraFieldsAreAllowed() {
        ObjectNode event = orderPlaced("e-2");
        event.put("schema_version", 2); // v2 adds the optional 'channel', absent here
        event.put("trace", "x");
        ((ObjectNode) event.get("payload")).put("note", "extra");

        assertEquals(List.of(), reasons(event));
    }

    @Test
    void emptyValue() {
        assertEquals(List.of("empty_value"), validate(null).reasons().stream().map(Reason::toString).toList());
        assertEquals(List.of("empty_value"), validate("").reasons().stream().map(Reason::toString).toList());
    }

    @Test
    void malformedJson() {
        String truncated = json(orderPlaced("e-3")).substring(0, 40);
        for (String value : List.of(truncated, "[1, 2]", "\"text\"", "{\"a\": 1} trailing")) {
            Validation v = validate(value);
            assertEquals(List.of("malformed_json"), v.reasons().stream().map(Reason::toString).toList(), value);
            assertNull(v.eventId());
        }
    }

    @Test
    void missingPayloadAndEnvelopeFieldsAreNamed() {
        ObjectNode event = orderPlaced("e-4");
        ((ObjectNode) event.get("payload")).remove("order_id");
        assertEquals(List.of("missing_field:order_id"), reasons(event));

        ObjectNode noId = orderPlaced("e-5");
        noId.remove("event_id");
        noId.putNull("producer");
        assertEquals(List.of("missing_field:event_id", "missing_field:producer"), reasons(noId));

        ObjectNode noPayload = orderPlaced("e-6");
        noPayload.remove("payload");
        assertEquals(List.of("missing_field:payload"), reasons(noPayload));
    }

    @Test
    void missingNestedFieldIsNamedByItsPath() {
        ObjectNode event = orderPlaced("e-7");
        ((ObjectNode) event.get("payload").get("lines").get(0)).remove("sku");

        assertEquals(List.of("missing_field:lines.sku"), reasons(event));
    }

    @Test
    void wrongTypesAreNamedByPath() {
        ObjectNode quantity = orderPlaced("e-8");
        ((ObjectNode) quantity.get("payload").get("lines").get(0)).put("quantity", "two");
        assertEquals(List.of("wrong_type:lines.quantity"), reasons(quantity));

        ObjectNode version = orderPlaced("e-9");
        version.put("schema_version", "1");
        assertEquals(List.of("wrong_type:schema_version"), reasons(version));

        ObjectNode time = orderPlaced("e-10");
        time.put("occurred_at", "yesterday");
        assertEquals(List.of("wrong_type:occurred_at"), reasons(time));

        ObjectNode lines = orderPlaced("e-12");
        ((ObjectNode) lines.get("payload")).put("lines", "none");
        assertEquals(List.of("wrong_type:lines"), reasons(lines));

        ObjectNode payload = orderPlaced("e-13");
        payload.put("payload", 7);
        assertEquals(List.of("wrong_type:payload"), reasons(payload));
    }

    @Test
    void enumValuesMustBeSymbolsOfTheContract() {
        ObjectNode event = orderPlaced("e-14");
        event.put("event_type", "payment_captured");
        event.set("payload", io.eventlake.testing.SampleEvents.parse(
                "{\"payment_id\": \"p-1\", \"order_id\": \"o-1\", \"amount\": 19.98, \"currency\": \"EUR\","
                        + " \"method\": \"BITCOIN\"}"));
        assertEquals(List.of("wrong_type:method"), reasons(event));
    }

    @Test
    void unknownEventTypeKeepsTheEnvelope() {
        ObjectNode event = orderPlaced("e-15");
        event.put("event_type", "gift_card_issued");

        Validation v = validate(json(event));

        assertEquals(List.of("unknown_event_type"), v.reasons().stream().map(Reason::toString).toList());
        assertEquals("e-15", v.eventId());
        assertEquals("gift_card_issued", v.eventType());
    }

    @Test
    void unsupportedSchemaVersionNamesTheVersion() {
        ObjectNode event = orderPlaced("e-16");
        event.put("schema_version", 3);

        assertEquals(List.of("unsupported_schema_version:3"), reasons(event));
    }

    @Test
    void numbersBeyondTheirContractTypeAreOutOfRange() {
        for (String price : List.of("1e400", "-1e400", "9.999", "123456789012.5", "1E+2147483647")) {
            String event = json(orderPlaced("e-20")).replace("\"unit_price\":9.99", "\"unit_price\":" + price);
            assertEquals(List.of("out_of_range:lines.unit_price"),
                    validate(event).reasons().stream().map(Reason::toString).toList(), price);
        }
        String quantity = json(orderPlaced("e-21")).replace("\"quantity\":2", "\"quantity\":99999999999");
        assertEquals(List.of("out_of_range:lines.quantity"),
                validate(quantity).reasons().stream().map(Reason::toString).toList());
        String version = json(orderPlaced("e-22")).replace("\"schema_version\":1",
                "\"schema_version\":1" + "0".repeat(30));
        assertEquals(List.of("out_of_range:schema_version"),
                validate(version).reasons().stream().map(Reason::toString).toList());
    }

    @Test
    void timestampsOutsideTheWritableYearsAreOutOfRangeAndNotParsed() {
        for (String time : List.of("1850-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "+294248-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1899-12-31T23:59:59.999Z")) {
            ObjectNode event = orderPlaced("e-23");
            event.put("occurred_at", time);
            Validation v = validate(json(event));
            assertEquals(List.of("out_of_range:occurred_at"), v.reasons().stream().map(Reason::toString).toList(),
                    time);
            assertNull(v.occurredAt(), time);
        }
        ObjectNode edge = orderPlaced("e-24");
        edge.put("occurred_at", "1900-01-01T00:00:00Z");
        assertEquals(List.of(), reasons(edge));
        edge.put("occurred_at", "9999-12-31T23:59:59Z");
        assertEquals(List.of(), reasons(edge));
    }

    @Test
    void blankRequiredIdentifiersAreMissing() {
        for (String blank : List.of("", " ", "\t ")) {
            ObjectNode event = orderPlaced("e-blank");
            event.put("event_id", blank);
            ((ObjectNode) event.get("payload")).put("order_id", blank);
            ((ObjectNode) event.get("payload").get("lines").get(0)).put("sku", blank);
            assertEquals(List.of("missing_field:event_id", "missing_field:order_id", "missing_field:lines.sku"),
                    reasons(event), "'" + blank + "'");
        }
        ObjectNode optional = customerUpdatedV2("e-25");
        ((ObjectNode) optional.get("payload")).put("phone", "");
        assertEquals(List.of(), reasons(optional));
    }

    @Test
    void valuesThatAreNotUtf8WithoutByteOrderMarkAreInvalidEncoding() {
        String event = json(orderPlaced("e-26"));
        byte[] utf8 = event.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        assertEquals(List.of("invalid_encoding:bom"), reasonsOf(VALIDATOR.validate(bom)));
        assertEquals(List.of("invalid_encoding:not_utf8"),
                reasonsOf(VALIDATOR.validate(event.getBytes(StandardCharsets.UTF_16))));
        assertEquals(List.of("invalid_encoding:not_utf8"),
                reasonsOf(VALIDATOR.validate(event.getBytes(StandardCharsets.UTF_16LE))));
        assertEquals(List.of("invalid_encoding:not_utf8"), reasonsOf(VALIDATOR.validate(
                event.replace("pos-service", "pos-servic\u00e9").getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(List.of(), reasonsOf(VALIDATOR.validate(
                event.replace("pos-service", "pos-servic\u00e9").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aKeyTwiceOrDeepNestingIsMalformed() {
        String twice = json(orderPlaced("e-27")).replace("\"producer\":", "\"producer\":\"x\",\"producer\":");
        assertEquals(List.of("malformed_json"), validate(twice).reasons().stream().map(Reason::toString).toList());
        String deep = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals(List.of("malformed_json"), validate(deep).reasons().stream().map(Reason::toString).toList());
    }

    @Test
    void anEventTimeFarFromItsKafkaTimestampIsImplausible() {
        Instant received = Instant.parse("2026-11-21T10:00:00Z");
        EventValidator validator = new EventValidator(ContractRegistry.load(ContractRegistry.CLASSPATH),
                new EventTimeWindow(java.time.Duration.ofDays(365), java.time.Duration.ofHours(1)));
        for (String time : List.of("2100-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-21T11:00:01Z",
                "2025-11-20T09:59:59Z")) {
            ObjectNode event = orderPlaced("e-28");
            event.put("occurred_at", time);
            Validation v = validator.validate(json(event).getBytes(StandardCharsets.UTF_8), received);
            assertEquals(List.of("implausible_time:occurred_at"), reasonsOf(v), time);
            assertEquals(Instant.parse(time), v.occurredAt(), "still parsed, for the quarantine row");
        }
        for (String time : List.of("2026-11-21T11:00:00Z", "2025-11-21T10:00:00Z", "2026-11-21T10:00:00Z")) {
            ObjectNode event = orderPlaced("e-29");
            event.put("occurred_at", time);
            assertEquals(List.of(), reasonsOf(validator.validate(json(event).getBytes(StandardCharsets.UTF_8),
                    received)), time);
        }
    }

    private static List<String> reasonsOf(Validation validation) {
        return validation.reasons().stream().map(Reason::toString).toList();
    }
}
