package io.eventlake.table;

import org.apache.spark.sql.types.StructType;

/**
 * A table eventlake writes, as the layer that writes it publishes it: the setting that names it, its schema and its
 * layout. The name itself comes from configuration ({@link LakeCatalog}), so a deployment may rename a table without
 * a code change. Specs are compared by identity of their setting.
 *
 * @param setting the configuration key holding the table's {@code database.table} name, e.g.
 *                {@code eventlake.silver.payments-table}
 * @param schema  the published columns (a fact table may gain newer payload fields as its contract evolves)
 * @param layout  partitioning, data-skipping columns and change data feed
 */
public record TableSpec(String setting, StructType schema, TableLayout layout) {
    public TableSpec {
        if (setting == null || !setting.startsWith("eventlake.") || !setting.endsWith("-table")) {
            throw new IllegalArgumentException("a table's setting is eventlake.<layer>.<name>-table: " + setting);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableSpec spec && spec.setting.equals(setting);
    }

    @Override
    public int hashCode() {
        return setting.hashCode();
    }

    @Override
    public String toString() {
        return setting;
    }
}
