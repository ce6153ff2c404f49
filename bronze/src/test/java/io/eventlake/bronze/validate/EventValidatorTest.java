package io.eventlake.bronze.validate;

import static io.eventlake.testing.SampleEvents.customerUpdatedV2;
import static io.eventlake.testing.SampleEvents.json;
import static io.eventlake.testing.SampleEvents.orderPlaced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.bronze.contract.ContractRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

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

        ObjectNode price = orderPlaced("e-11");
        ((ObjectNode) price.get("payload").get("lines").get(0)).put("unit_price", 9.999);
        assertEquals(List.of("wrong_type:lines.unit_price"), reasons(price));

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
}
