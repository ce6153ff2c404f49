package io.eventlake.silver.customer;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverTableJob;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.EventTimeRange;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Streams {@code customer_updated} events from {@code bronze.events} into {@link SilverCustomersCurrentTable}
 * (SCD type 1).
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per customer, personal fields
 * tokenized. Per micro-batch, the newest update of each customer in the batch is merged: inserted for a new
 * customer, applied only when newer (by {@code occurred_at}, then event id) than the row held. An older update
 * arriving late, a duplicate (even re-sent days later with another {@code occurred_at}: only the first copy bronze
 * received counts, {@link #firstCopies}) or a replayed batch changes nothing; the result does not depend on arrival
 * order.
 */
public final class SilverCustomersCurrentJob extends SilverTableJob {
    public static final String NAME = "silver.customers_current";

    public SilverCustomersCurrentJob(SilverContext context) {
        super(NAME, SilverCustomersCurrentTable.EVENT_TYPE_NAME, SilverCustomersCurrentTable.SPEC, Set.of(), context);
    }

    /** Conforming {@code customer_updated} rows as rows of {@link SilverCustomersCurrentTable}. */
    public static Dataset<Row> profiles(Dataset<Row> accepted) {
        return accepted.withColumnRenamed(BronzeEventsTable.OCCURRED_AT, SilverCustomersCurrentTable.UPDATED_AT);
    }

    /**
     * The updates that are the first copy of their event: for each event id, the copy bronze received first (by
     * ingest time, then Kafka coordinates), looked up in {@code bronzeEvents} so a copy re-sent days later, with
     * whatever {@code occurred_at}, is dropped as the duplicate it is (as {@code silver.customers} drops it) even when
     * the first copy was applied in an earlier batch and superseded since.
     *
     * @param updates      rows with {@link SilverCustomersCurrentTable#EVENT_ID} and {@link
     *                     SilverCustomersCurrentTable#SOURCE}
     * @param bronzeEvents the {@link BronzeEventsTable} rows the stream reads
     */
    public static Dataset<Row> firstCopies(Dataset<Row> updates, Dataset<Row> bronzeEvents) {
        String first = "_first";
        Column source = struct(col(BronzeEventsTable.INGEST_TIME), col(BronzeEventsTable.TOPIC),
                col(BronzeEventsTable.PARTITION), col(BronzeEventsTable.OFFSET));
        Dataset<Row> copies = bronzeEvents
                .where(col(BronzeEventsTable.IS_VALID)
                        .and(col(BronzeEventsTable.EVENT_TYPE).equalTo(SilverCustomersCurrentTable.EVENT_TYPE_NAME)))
                .join(broadcast(updates.select(SilverCustomersCurrentTable.EVENT_ID).distinct()),
                        BronzeEventsTable.EVENT_ID, "left_semi")
                .groupBy(BronzeEventsTable.EVENT_ID)
                .agg(min(source).as(first));
        Column own = col(SilverCustomersCurrentTable.SOURCE);
        Column earliest = col(first);
        return updates.join(copies, SilverCustomersCurrentTable.EVENT_ID)
                .where(own.getField(BronzeEventsTable.TOPIC).equalTo(earliest.getField(BronzeEventsTable.TOPIC))
                        .and(own.getField(BronzeEventsTable.PARTITION)
                                .equalTo(earliest.getField(BronzeEventsTable.PARTITION)))
                        .and(own.getField(BronzeEventsTable.OFFSET).equalTo(earliest.getField(BronzeEventsTable.OFFSET))))
                .drop(first)
                .dropDuplicates(SilverCustomersCurrentTable.EVENT_ID); // a replayed Kafka record: the same copy
    }

    @Override
    protected Dataset<Row> rows(Dataset<Row> accepted, StructType schema) {
        return profiles(accepted).select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }


    @Override
    protected Dataset<Row> backfillEvents(Dataset<Row> conformed, EventTimeRange range) {
        return CustomerHistory.touchedEvents(conformed, range);
    }

    @Override
    protected Dataset<Row> backfillScope(Dataset<Row> held, Dataset<Row> events, EventTimeRange range) {
        return CustomerHistory.ofCustomers(held, events);
    }

    @Override
    protected Optional<String> targetScope(EventTimeRange range) {
        return Optional.empty();
    }

    @Override
    protected String partitionColumn() {
        return null;
    }

    /** The newest update that passed the gate of each touched customer (first copies only). */
    @Override
    protected Dataset<Row> desired(Dataset<Row> passing, StructType schema) {
        Dataset<Row> unique = firstCopies(passing, passing.sparkSession().read().format("delta")
                .load(bronzeEvents().path()));
        return CustomerHistory.newest(unique
                        .withColumnRenamed(SilverCustomersCurrentTable.UPDATED_AT, SilverCustomersTable.VALID_FROM))
                .withColumnRenamed(SilverCustomersTable.VALID_FROM, SilverCustomersCurrentTable.UPDATED_AT)
                .select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    @Override
    protected List<String> key() {
        return List.of(SilverCustomersCurrentTable.CUSTOMER_ID);
    }

    @Override
    protected BatchMetrics write(Dataset<Row> updates, StructType schema, String appId, long batchId) {
        long received = updates.count();
        if (received == 0) {
            return BatchMetrics.NONE;
        }
        Dataset<Row> unique = firstCopies(updates, updates.sparkSession().read().format("delta")
                .load(bronzeEvents().path()));
        long duplicates = received - unique.count();
        Dataset<Row> newest = CustomerHistory.newest(unique
                        .withColumnRenamed(SilverCustomersCurrentTable.UPDATED_AT, SilverCustomersTable.VALID_FROM))
                .withColumnRenamed(SilverCustomersTable.VALID_FROM, SilverCustomersCurrentTable.UPDATED_AT);
        String t = "t.", s = "s.";
        String newer = s + SilverCustomersCurrentTable.UPDATED_AT + " > " + t + SilverCustomersCurrentTable.UPDATED_AT
                + " OR (" + s + SilverCustomersCurrentTable.UPDATED_AT + " = " + t
                + SilverCustomersCurrentTable.UPDATED_AT + " AND " + s + SilverCustomersCurrentTable.EVENT_ID + " > "
                + t + SilverCustomersCurrentTable.EVENT_ID + ")";
        CommitTag tag = new CommitTag.Batch(appId, batchId);
        long written = DeltaCommits.writeTagged(updates.sparkSession(), table(), tag, target -> target
                        .as("t")
                        .merge(newest.as("s"), t + SilverCustomersCurrentTable.CUSTOMER_ID + " = " + s
                                + SilverCustomersCurrentTable.CUSTOMER_ID)
                        .whenMatched(newer).updateAll()
                        .whenNotMatched().insertAll()
                        .execute(),
                "numTargetRowsInserted", "numTargetRowsUpdated");
        return new BatchMetrics(received, duplicates, written, 0);
    }
}
