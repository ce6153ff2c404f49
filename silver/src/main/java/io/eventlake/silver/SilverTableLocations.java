package io.eventlake.silver;

import io.eventlake.table.TableLocation;

/**
 * Where each silver table lives (name and path).
 *
 * @param orders             one row per {@code order_placed} event
 * @param orderLines         one row per line of an {@code order_placed} event
 * @param payments           one row per {@code payment_captured} event
 * @param returns            one row per {@code order_returned} event
 * @param inventoryMovements one row per {@code inventory_adjusted} event
 * @param customers          customer history, SCD type 2
 * @param customersCurrent   current customer profile, SCD type 1
 * @param quarantine         records valid in bronze that failed silver's conformance
 */
public record SilverTableLocations(TableLocation orders, TableLocation orderLines, TableLocation payments,
                                   TableLocation returns, TableLocation inventoryMovements, TableLocation customers,
                                   TableLocation customersCurrent, TableLocation quarantine) {
}
