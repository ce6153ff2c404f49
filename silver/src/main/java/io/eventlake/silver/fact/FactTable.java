package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How one fact table is made from one event type: an immutable description, run by {@link FactJob}.
 *
 * @param eventType     the event type the table is built from
 * @param spec          the table: its setting, published columns and layout
 * @param key           the columns identifying a row; a row whose key the table holds is a duplicate
 * @param rows          conforming rows ({@code Conformance.accepted}) to table rows; may add columns, keeps the
 *                      payload columns it does not consume
 * @param consumed      payload columns mapped into other columns, not carried as they are
 * @param oneRowPerEvent whether new payload fields reach the table as they are (false when a row is a part of an
 *                      event, like an order's line)
 */
record FactTable(String eventType, TableSpec spec, List<String> key,
                 UnaryOperator<Dataset<Row>> rows, Set<String> consumed, boolean oneRowPerEvent) {
}
