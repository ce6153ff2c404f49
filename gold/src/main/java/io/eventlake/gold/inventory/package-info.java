/**
 * The operational path: {@link io.eventlake.gold.inventory.InventoryPositionsTable} kept by a streaming MERGE, and
 * {@code low_stock} alerts ({@link io.eventlake.gold.inventory.InventoryAlertsTable}, a Kafka topic) raised exactly
 * once per threshold crossing.
 */
package io.eventlake.gold.inventory;
