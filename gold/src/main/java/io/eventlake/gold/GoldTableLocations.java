package io.eventlake.gold;

import io.eventlake.table.TableLocation;

/**
 * Where each gold table lives (name and path).
 *
 * @param dailyStoreSales sales per day, store and currency, for BI
 */
public record GoldTableLocations(TableLocation dailyStoreSales) {
}
