package io.eventlake.table;

import java.util.List;

/**
 * How a table's files are laid out for its readers.
 *
 * @param partitionColumns columns the table is partitioned by (readers' most common filter, e.g. a date); empty
 *                         for none
 * @param statsColumns     columns Delta keeps min/max statistics for, so filters on them skip files; empty for
 *                         Delta's default (the first 32 columns)
 * @param changeDataFeed   whether Delta records the table's row changes (readers downstream refresh from them)
 * @param zOrder           columns readers filter on within a partition, which {@code lake maintain} clusters the
 *                         files by ({@code OPTIMIZE ... ZORDER BY}); empty to compact only. Each has statistics
 *                         and none is a partition column (Delta refuses both).
 */
public record TableLayout(List<String> partitionColumns, List<String> statsColumns, boolean changeDataFeed,
                          List<String> zOrder) {
    public TableLayout {
        partitionColumns = List.copyOf(partitionColumns);
        statsColumns = List.copyOf(statsColumns);
        zOrder = List.copyOf(zOrder);
        for (String column : zOrder) {
            if (partitionColumns.contains(column) || !statsColumns.isEmpty() && !statsColumns.contains(column)) {
                throw new IllegalArgumentException("a z-order column is a statistics column and not a partition "
                        + "column: " + column + " (partitions " + partitionColumns + ", statistics " + statsColumns
                        + ")");
            }
        }
    }

    public static TableLayout unpartitioned(String... statsColumns) {
        return new TableLayout(List.of(), List.of(statsColumns), false, List.of());
    }

    public static TableLayout partitioned(List<String> partitionColumns, String... statsColumns) {
        return new TableLayout(partitionColumns, List.of(statsColumns), false, List.of());
    }

    /** The same layout with the change data feed on. */
    public TableLayout withChangeDataFeed() {
        return new TableLayout(partitionColumns, statsColumns, true, zOrder);
    }

    /** The same layout, its files clustered by {@code columns} when maintained. */
    public TableLayout withZOrder(String... columns) {
        return new TableLayout(partitionColumns, statsColumns, changeDataFeed, List.of(columns));
    }
}
