package io.eventlake.devtools.generate;

/**
 * One record to send.
 *
 * @param key   Kafka key (the business entity: order, customer, store:sku)
 * @param value Kafka value, UTF-8 JSON (or deliberately broken JSON)
 * @param kind  which category it belongs to
 */
public record GeneratedEvent(String key, byte[] value, FaultKind kind) {
}
