package io.eventlake.gold;

import io.eventlake.silver.SilverTableLocations;

/**
 * What the gold jobs need, read once by the entry point.
 *
 * @param silver the silver tables gold reads
 * @param tables the gold tables
 */
public record GoldSettings(SilverTableLocations silver, GoldTableLocations tables) {
}
