package io.eventlake.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hand-written valid events, as JSON trees tests can break one field at a time. */
public final class SampleEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {
    }

    /** A valid {@code order_placed} version 1 event with one order line. */
    public static ObjectNode orderPlaced(String eventId) {
        return parse("""
                {"event_id": "%s", "event_type": "order_placed", "schema_version": 1,
                 "occurred_at": "2026-11-20T10:15:30Z", "producer": "pos-service",
                 "payload": {"order_id": "o-1", "customer_id": "c-1", "store_id": "s-1", "currency": "EUR",
                             "lines": [{"sku": "sku-1", "quantity": 2, "unit_price": 9.99}]}}
                """.formatted(eventId));
    }

    /** A valid {@code customer_updated} version 2 event (carries the optional phone). */
    public static ObjectNode customerUpdatedV2(String eventId) {
        return parse("""
                {"event_id": "%s", "event_type": "customer_updated", "schema_version": 2,
                 "occurred_at": "2026-11-20T10:15:30.250+01:00", "producer": "crm", "correlation_id": "flow-7",
                 "payload": {"customer_id": "c-1", "email": "ada@example.com", "full_name": "Ada L",
                             "country": "GB", "phone": "+44 20 7946 0000"}}
                """.formatted(eventId));
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    public static String json(ObjectNode node) {
        return node.toString();
    }
}
