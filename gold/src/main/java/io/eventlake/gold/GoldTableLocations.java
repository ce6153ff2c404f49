package io.eventlake.gold;

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
}
