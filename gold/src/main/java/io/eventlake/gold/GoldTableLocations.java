package io.eventlake.gold;

import io.eventlake.gold.features.CustomerFeaturesTable;
import io.eventlake.gold.inventory.InventoryAlertsTable;
import io.eventlake.gold.inventory.InventoryPositionsTable;
import io.eventlake.gold.sales.DailyStoreSalesTable;
import io.eventlake.table.LakeCatalog;
import io.eventlake.table.TableLocation;

/**
 * Where each gold table lives (name and path).
 *
 * @param dailyStoreSales  sales per day, store and currency, for BI
 * @param customerFeatures customer features per feature date, for ML
 * @param inventoryPositions current units on hand per store and SKU
 * @param inventoryAlerts  low-stock alerts raised
 */
public record GoldTableLocations(TableLocation dailyStoreSales, TableLocation customerFeatures,
                                 TableLocation inventoryPositions, TableLocation inventoryAlerts) {

    /** The gold tables of {@code catalog}. */
    public static GoldTableLocations in(LakeCatalog catalog) {
        return new GoldTableLocations(catalog.location(DailyStoreSalesTable.SPEC),
                catalog.location(CustomerFeaturesTable.SPEC), catalog.location(InventoryPositionsTable.SPEC),
                catalog.location(InventoryAlertsTable.SPEC));
    }
}
