package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.delta.tables.DeltaTable;
import io.eventlake.bronze.Queries;
import io.eventlake.bronze.StreamMode;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * Streams {@code payment_captured} events from {@code bronze.events} into {@code silver.payments}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one {@link SilverPaymentsTable} row per
 * event id, conformed ({@link Conformance}); rows failing conformance go to {@link SilverQuarantineTable}.
 *
 * <p>De-duplication and idempotency, with no streaming state: duplicates within a micro-batch are dropped on the
 * batch, and the write is a MERGE that inserts only event ids the table lacks, so a duplicate in a later batch
 * (minutes or days after), a replayed batch, or a re-run of the same bronze range from a fresh checkpoint changes
 * nothing. No watermark: stateful de-duplication drops rows older than its watermark, and no event may vanish
 * because a clock moved.
 */
public final class SilverPaymentsJob {
    public static final String NAME = "silver.payments";
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    private final SilverSettings settings;
    private final TableLocation payments;
    private final ContractRegistry contracts;

    public SilverPaymentsJob(SilverSettings settings, TableLocation payments,
                             ContractRegistry contracts) {
        this.settings = settings;
        this.payments = payments;
        this.contracts = contracts;
    }

    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        DeltaTables.ensure(spark, payments, SilverPaymentsTable.SCHEMA, SilverPaymentsTable.STATS_COLUMNS);
        DeltaTables.ensure(spark, settings.quarantine(), SilverQuarantineTable.SCHEMA);
        Dataset<Row> conformed = Conformance.conform(
                spark.readStream().format("delta").load(settings.bronzeEvents().path()),
                contracts.versions(SilverPaymentsTable.EVENT_TYPE_NAME));
        return Queries.startForeachBatch(conformed, NAME, settings.checkpoint(NAME),
                mode.trigger(settings.triggerInterval()), this::writeBatch);
    }

    /** The rows of {@link SilverPaymentsTable} from conforming rows. */
    public static Dataset<Row> paymentRows(Dataset<Row> accepted) {
        return accepted
                .withColumn(SilverPaymentsTable.EVENT_DATE, to_date(col(SilverPaymentsTable.OCCURRED_AT)))
                .select(Arrays.stream(SilverPaymentsTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    void writeBatch(Dataset<Row> batch, long batchId) {
        String appId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        Dataset<Row> cached = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            DeltaTable.forPath(batch.sparkSession(), payments.path()).as("t")
                    .merge(paymentRows(Conformance.accepted(cached)).dropDuplicates(SilverPaymentsTable.EVENT_ID).as("s"),
                            "t." + SilverPaymentsTable.EVENT_ID + " = s." + SilverPaymentsTable.EVENT_ID)
                    .whenNotMatched().insertAll()
                    .execute();
            Dataset<Row> rejected = Conformance.rejected(cached).dropDuplicates(SilverQuarantineTable.EVENT_ID)
                    .withColumn(SilverQuarantineTable.TARGET_TABLE, lit(payments.name()))
                    .select(Arrays.stream(SilverQuarantineTable.SCHEMA.fieldNames()).map(c -> col(c))
                            .toArray(Column[]::new));
            if (!rejected.isEmpty()) {
                DeltaTables.appendOnce(rejected, settings.quarantine(), appId, batchId);
            }
        } finally {
            cached.unpersist(false);
        }
    }
}
