package io.eventlake.silver;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.EventContract;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableRepair;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The part every silver job shares: a Delta stream of {@code bronze.events} (valid rows of one event type),
 * conformed ({@link Conformance}), handed per micro-batch to the job's {@link Writer}; the batch's non-conforming
 * records go to silver quarantine (once per event), and what the batch did goes to {@link SilverRunMetrics}.
 */
public final class SilverStream {
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

    /** Writes a micro-batch's conforming rows to the job's table, idempotently. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param accepted the batch's conforming rows ({@link Conformance#accepted}), persisted for re-use
         * @param appId    the streaming query's id, stable for its checkpoint
         * @return rows received, duplicates dropped, rows written, rows the table's gate quarantined (the
         *     stream adds the records that failed conformance)
         */
        BatchMetrics write(Dataset<Row> accepted, String appId, long batchId);
    }

    private final String name;
    private final String eventType;
    private final TableLocation table;
    private final TableLayout layout;
    private final SilverContext context;

    /**
     * @param name      the job's name (query name and checkpoint folder)
     * @param eventType the event type the job reads
     * @param table     the table the job writes
     * @param layout    the table's partitioning and data-skipping columns
     */
    public SilverStream(String name, String eventType, TableLocation table, TableLayout layout,
                        SilverContext context) {
        this.name = name;
        this.eventType = eventType;
        this.table = table;
        this.layout = layout.withChangeDataFeed(); // gold refreshes from silver's changes
        this.context = context;
    }

    /** The table's layout (with the change data feed gold reads). */
    public TableLayout layout() {
        return layout;
    }

    /** Every contract version of the stream's event type, ascending. */
    public List<EventContract> versions() {
        return context.contracts().versions(eventType);
    }

    /** Makes sure the table (with {@code schema}) and silver quarantine exist, then starts the query. */
    public StreamingQuery start(SparkSession spark, StreamMode mode, StructType schema, Writer writer) {
        DeltaTables.ensure(spark, table, schema, layout);
        DeltaTables.ensure(spark, context.settings().quarantine(), SilverQuarantineTable.SCHEMA,
                SilverQuarantineTable.LAYOUT);
        if (!context.quality().gate(table.name()).isEmpty()) {
            context.quality().ensureResultsTable(spark);
        }
        Dataset<Row> conformed = Conformance.conform(
                spark.readStream().format("delta")
                        .option("maxFilesPerTrigger", context.settings().maxFilesPerTrigger())
                        .load(context.settings().bronzeEvents().path()),
                versions(), context.tokenizer());
        return Queries.startForeachBatch(conformed, name, context.settings().checkpoint(name),
                mode.trigger(context.settings().triggerInterval()), (batch, batchId) -> write(batch, batchId, writer));
    }

    private void write(Dataset<Row> batch, long batchId, Writer writer) {
        String appId = batch.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        Dataset<Row> cached = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // A backfill may commit to the table meanwhile: a conflicting batch is written again (its writes are
            // idempotent MERGEs, and each attempt reads the table afresh).
            BatchMetrics written = TableRepair.retryingConflicts(name + " batch " + batchId,
                    () -> writer.write(Conformance.accepted(cached), appId, batchId));
            long quarantined = TableRepair.retryingConflicts(name + " batch " + batchId + " quarantine",
                    () -> SilverQuarantine.append(cached, table, context.settings().quarantine(), appId, batchId));
            context.metrics().record(name, batchId, new BatchMetrics(written.received(), written.duplicates(),
                    written.written(), written.quarantined() + quarantined));
        } finally {
            cached.unpersist(false);
        }
    }
}
