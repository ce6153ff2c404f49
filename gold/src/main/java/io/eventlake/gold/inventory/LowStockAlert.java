package io.eventlake.gold.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * A {@code low_stock} alert, as a row of {@link InventoryAlertsTable} and as the event published (envelope +
 * payload, contract {@code low_stock} v1; {@code event_id} = the alert id).
 */
public record LowStockAlert(String alertId, String storeId, String sku, long onHandBefore, long onHand,
                            int reorderThreshold, Instant occurredAt) {
    public static final String EVENT_TYPE = "low_stock";
    public static final String PRODUCER = "eventlake-gold";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static LowStockAlert fromRow(Row row) {
        return new LowStockAlert(row.getAs(InventoryAlertsTable.ALERT_ID), row.getAs(InventoryAlertsTable.STORE_ID),
                row.getAs(InventoryAlertsTable.SKU), row.<Long>getAs(InventoryAlertsTable.ON_HAND_BEFORE),
                row.<Long>getAs(InventoryAlertsTable.ON_HAND), row.<Integer>getAs(InventoryAlertsTable.REORDER_THRESHOLD),
                row.<Timestamp>getAs(InventoryAlertsTable.OCCURRED_AT).toInstant());
    }

    /** The Kafka record key: the position, so a position's alerts stay in order on one partition. */
    public byte[] key() {
        return (storeId + ":" + sku).getBytes(StandardCharsets.UTF_8);
    }

    /** The event as JSON. */
    public byte[] value() {
        ObjectNode event = JSON.createObjectNode()
                .put("event_id", alertId)
                .put("event_type", EVENT_TYPE)
                .put("schema_version", 1)
                .put("occurred_at", occurredAt.toString())
                .put("producer", PRODUCER);
        event.putObject("payload")
                .put("store_id", storeId)
                .put("sku", sku)
                .put("on_hand", onHand)
                .put("on_hand_before", onHandBefore)
                .put("reorder_threshold", reorderThreshold);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A published alert event read back; empty when the value is not one of ours. */
    public static java.util.Optional<LowStockAlert> fromValue(byte[] value) {
        try {
            com.fasterxml.jackson.databind.JsonNode event = JSON.readTree(value);
            com.fasterxml.jackson.databind.JsonNode payload = event.path("payload");
            if (!EVENT_TYPE.equals(event.path("event_type").asText()) || !event.hasNonNull("event_id")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new LowStockAlert(event.get("event_id").asText(),
                    payload.path("store_id").asText(null), payload.path("sku").asText(null),
                    payload.path("on_hand_before").asLong(), payload.path("on_hand").asLong(),
                    payload.path("reorder_threshold").asInt(), Instant.parse(event.path("occurred_at").asText())));
        } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The alert id of a published event; null when the value is not one of ours. */
    public static String alertIdOf(byte[] value) {
        try {
            return JSON.readTree(value).path("event_id").asText(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
