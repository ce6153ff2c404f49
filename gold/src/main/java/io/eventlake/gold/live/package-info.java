/**
 * The fast operational path: low-stock alerts straight from the Kafka topic, within a second or two of the event,
 * beside the complete analytical path through bronze, silver and {@code gold.inventory_positions}. One stateful
 * stream keyed by store and SKU ({@link io.eventlake.gold.live.LiveInventoryJob}) applies bronze's validation,
 * silver's conformance and the row-level quarantine rules of the tables the analytical path reads, de-duplicates by
 * change within a bounded window, keeps positions in its state and publishes alerts with the same deterministic ids
 * as {@code gold.inventory_alerts}. {@link io.eventlake.gold.live.InventoryReconciliation} compares the two paths
 * and names the keys that drifted.
 */
package io.eventlake.gold.live;
