package io.eventlake.silver.customer;

import static org.apache.spark.sql.functions.col;

import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverTables;
import io.eventlake.silver.SilverTableJob;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.EventTimeRange;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Streams {@code customer_updated} events from {@code bronze.events} into {@link SilverCustomersTable} (SCD type 2).
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one version row per distinct update event,
 * personal fields tokenized. Per micro-batch: the batch's new updates (event ids the table lacks) and the stored
 * versions of the customers they touch are dated again together ({@link CustomerHistory#timeline}), and a MERGE
 * keyed by event id inserts the new versions and re-dates the neighbours, so an update arriving late lands at its
 * place in history and becomes current only if it is the newest. Idempotent: a duplicate or a replayed batch
 * finds its event ids present and changes nothing; the result does not depend on arrival order.
 */
public final class SilverCustomersJob extends SilverTableJob {
    public static final String NAME = "silver.customers";

    public SilverCustomersJob(SilverContext context) {
        super(NAME, SilverCustomersTable.EVENT_TYPE_NAME, SilverCustomersTable.SPEC, Set.of(), context);
    }

    /** The batch's updates as versions (without validity, which depends on the stored history). */
    @Override
    protected Dataset<Row> rows(Dataset<Row> accepted, StructType schema) {
        return CustomerHistory.versions(accepted).select(versionColumns(schema));
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

    /** Every version of the touched customers that passed the gate (first copies), dated again as a whole. */
    @Override
    protected Dataset<Row> desired(Dataset<Row> passing, StructType schema) {
        return CustomerHistory.timeline(SilverTables.firstCopies(passing, SilverCustomersTable.EVENT_ID,
                        SilverCustomersTable.SOURCE).dropDuplicates(SilverCustomersTable.EVENT_ID))
                .select(columns(schema, Set.of()));
    }

    @Override
    protected List<String> key() {
        return List.of(SilverCustomersTable.EVENT_ID);
    }

    @Override
    protected BatchMetrics write(Dataset<Row> updates, StructType schema, String appId, long batchId) {
        Column[] columns = columns(schema, Set.of());
        Column[] versionColumns = versionColumns(schema);
        long received = updates.count();
        if (received == 0) {
            return BatchMetrics.NONE;
        }
        SparkSession spark = updates.sparkSession();
        Dataset<Row> touched = spark.read().format("delta").load(table().path())
                .join(updates.select(SilverCustomersTable.CUSTOMER_ID).distinct(), SilverCustomersTable.CUSTOMER_ID,
                        "left_semi");
        Dataset<Row> fresh = SilverTables.firstCopies(updates, SilverCustomersTable.EVENT_ID, SilverCustomersTable.SOURCE)
                .dropDuplicates(SilverCustomersTable.EVENT_ID)
                .join(touched.select(SilverCustomersTable.EVENT_ID), SilverCustomersTable.EVENT_ID, "left_anti");
        Dataset<Row> history = CustomerHistory.timeline(touched.select(versionColumns).unionByName(fresh))
                .select(columns)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (history.count() == 0 || fresh.count() == 0) {
                return new BatchMetrics(received, received, 0, 0);
            }
            CommitTag tag = new CommitTag.Batch(appId, batchId);
            long written = DeltaCommits.writeTagged(spark, table(), tag, target -> target.as("t")
                            .merge(history.as("s"), "t." + SilverCustomersTable.EVENT_ID + " = s."
                                    + SilverCustomersTable.EVENT_ID)
                            .whenMatched("NOT (t." + SilverCustomersTable.VALID_TO + " <=> s."
                                    + SilverCustomersTable.VALID_TO + ")")
                            .updateExpr(Map.of(
                                    SilverCustomersTable.VALID_TO, "s." + SilverCustomersTable.VALID_TO,
                                    SilverCustomersTable.IS_CURRENT, "s." + SilverCustomersTable.IS_CURRENT))
                            .whenNotMatched().insertAll()
                            .execute(),
                    "numTargetRowsInserted");
            return new BatchMetrics(received, received - written, written, 0);
        } finally {
            history.unpersist(false);
        }
    }

    private static Column[] versionColumns(StructType schema) {
        return columns(schema, Set.of(SilverCustomersTable.VALID_TO, SilverCustomersTable.IS_CURRENT));
    }

    private static Column[] columns(StructType schema, Set<String> except) {
        return Arrays.stream(schema.fieldNames()).filter(c -> !except.contains(c)).map(c -> col(c))
                .toArray(Column[]::new);
    }
}
