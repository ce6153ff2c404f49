package io.eventlake.table;

import java.util.List;

/**
 * How a table's files are laid out for its readers.
 *
 * @param partitionColumns columns the table is partitioned by (readers' most common filter, e.g. a date); empty
 *                         for none
 * @param statsColumns     columns Delta keeps min/max statistics for, so filters on them skip files; empty for
 *                         Delta's default (the first 32 columns)
 */
public record TableLayout(List<String> partitionColumns, List<String> statsColumns) {
    public TableLayout {
        partitionColumns = List.copyOf(partitionColumns);
        statsColumns = List.copyOf(statsColumns);
    }

    public static TableLayout unpartitioned(String... statsColumns) {
        return new TableLayout(List.of(), List.of(statsColumns));
    }

    public static TableLayout partitioned(List<String> partitionColumns, String... statsColumns) {
        return new TableLayout(partitionColumns, List.of(statsColumns));
    }
}
