package io.eventlake.table;

import org.apache.spark.sql.types.StructType;

/**
 * A table eventlake writes, as the layer that writes it publishes it: the setting that names it, its schema and its
 * layout. The name itself comes from configuration ({@link LakeCatalog}), so a deployment may rename a table without
 * a code change. Specs are compared by identity of their setting.
 *
 * @param setting   the configuration key holding the table's {@code database.table} name, e.g.
 *                {@code eventlake.silver.payments-table}
 * @param schema    the published columns (a fact table may gain newer payload fields as its contract evolves)
 * @param layout    partitioning, data-skipping columns and change data feed
 * @param eventTime the column of when its rows' events happened (a timestamp or a date), by which {@code lake
 *                  status} tells how far the table is behind the newest event; empty for a table without one
 * @param doc       what the table is for its readers (description, grain, keys, contracts)
 */
public record TableSpec(String setting, StructType schema, TableLayout layout, String eventTime, TableDoc doc) {
    public TableSpec(String setting, StructType schema, TableLayout layout) {
        this(setting, schema, layout, "", TableDoc.NONE);
    }

    /** The same spec, its rows' event time in {@code column}. */
    public TableSpec withEventTime(String column) {
        return new TableSpec(setting, schema, layout, column, doc);
    }

    /** The same spec, documented. */
    public TableSpec withDoc(TableDoc doc) {
        return new TableSpec(setting, schema, layout, eventTime, doc);
    }

    public TableSpec {
        if (!eventTime.isEmpty() && java.util.Arrays.stream(schema.fieldNames()).noneMatch(eventTime::equals)) {
            throw new IllegalArgumentException("the event-time column of " + setting + " is not in its schema: "
                    + eventTime);
        }
        for (String key : doc.keys()) {
            if (java.util.Arrays.stream(schema.fieldNames()).noneMatch(key::equals)) {
                throw new IllegalArgumentException("a key column of " + setting + " is not in its schema: " + key);
            }
        }
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
