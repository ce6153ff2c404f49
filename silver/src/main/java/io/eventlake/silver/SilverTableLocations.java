package io.eventlake.silver;

import io.eventlake.silver.customer.SilverCustomersCurrentTable;
import io.eventlake.silver.customer.SilverCustomersTable;
import io.eventlake.silver.fact.SilverInventoryMovementsTable;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverPaymentsTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.LakeCatalog;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each silver table lives (name and path): a typed view of the {@link LakeCatalog} for readers of silver.
 * A silver table no other layer reads need not appear here; its job asks the catalog for its spec.
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

    /** The silver tables of {@code catalog}. */
    public static SilverTableLocations in(LakeCatalog catalog) {
        return new SilverTableLocations(catalog.location(SilverOrdersTable.SPEC),
                catalog.location(SilverOrderLinesTable.SPEC), catalog.location(SilverPaymentsTable.SPEC),
                catalog.location(SilverReturnsTable.SPEC), catalog.location(SilverInventoryMovementsTable.SPEC),
                catalog.location(SilverCustomersTable.SPEC), catalog.location(SilverCustomersCurrentTable.SPEC),
                catalog.location(SilverQuarantineTable.SPEC));
    }

    /** A catalog of these tables (benchmarks and tests that place them themselves). */
    public LakeCatalog catalog() {
        Map<TableSpec, TableLocation> tables = new LinkedHashMap<>();
        tables.put(SilverOrdersTable.SPEC, orders);
        tables.put(SilverOrderLinesTable.SPEC, orderLines);
        tables.put(SilverPaymentsTable.SPEC, payments);
        tables.put(SilverReturnsTable.SPEC, returns);
        tables.put(SilverInventoryMovementsTable.SPEC, inventoryMovements);
        tables.put(SilverCustomersTable.SPEC, customers);
        tables.put(SilverCustomersCurrentTable.SPEC, customersCurrent);
        tables.put(SilverQuarantineTable.SPEC, quarantine);
        return LakeCatalog.of(tables);
    }
}
