package io.eventlake.gold;

import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.silver.SilverTableLocations;

/**
 * What the gold jobs need, read once by the entry point.
 *
 * @param silver the silver tables gold reads
 * @param tables   the gold tables
 * @param features how customer features value money
 */
public record GoldSettings(SilverTableLocations silver, GoldTableLocations tables, FeatureSettings features) {
}
