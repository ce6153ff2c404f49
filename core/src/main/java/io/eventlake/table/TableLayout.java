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
 */
public record TableLayout(List<String> partitionColumns, List<String> statsColumns, boolean changeDataFeed) {
    public TableLayout {
        partitionColumns = List.copyOf(partitionColumns);
        statsColumns = List.copyOf(statsColumns);
    }

    public static TableLayout unpartitioned(String... statsColumns) {
        return new TableLayout(List.of(), List.of(statsColumns), false);
    }

    public static TableLayout partitioned(List<String> partitionColumns, String... statsColumns) {
        return new TableLayout(partitionColumns, List.of(statsColumns), false);
    }

    /** The same layout with the change data feed on. */
    public TableLayout withChangeDataFeed() {
        return new TableLayout(partitionColumns, statsColumns, true);
    }
}
