package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.col;

import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverTables;
import io.eventlake.silver.SilverTableJob;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fact table's job: a {@link FactTable} on a silver stream.
 *
 * <p>De-duplication and idempotency without streaming state: of the copies of an event within the micro-batch only
 * the first bronze received counts ({@link SilverTables#firstCopies}), and the write is a MERGE that inserts only the
 * events the table lacks (all rows of one, or none), so a duplicate in a later
 * batch (minutes or days later), a replayed batch, or a re-run of the same bronze range from a fresh checkpoint
 * changes nothing. No watermark: stateful de-duplication drops rows older than its watermark, and no event may
 * vanish because a clock moved. The cost is a scan of the table's key column per batch (the MERGE join).
 */
public abstract class FactJob extends SilverTableJob {
    private final FactTable fact;

    FactJob(String name, FactTable fact, SilverContext context) {
        super(name, fact.eventType(), fact.spec(), fact.oneRowPerEvent() ? fact.consumed() : null, context);
        this.fact = fact;
    }

    @Override
    protected final Dataset<Row> rows(Dataset<Row> accepted, StructType schema) {
        return fact.rows().apply(accepted)
                .select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    /** The first copy of each event that passed the gate, all its rows (as {@link #write} inserts them). */
    @Override
    protected final Dataset<Row> desired(Dataset<Row> passing, StructType schema) {
        return SilverTables.firstCopies(passing, FactColumns.EVENT_ID, FactColumns.SOURCE)
                .dropDuplicates(fact.key().toArray(String[]::new));
    }

    @Override
    protected final java.util.List<String> key() {
        return fact.key();
    }

    @Override
    protected final BatchMetrics write(Dataset<Row> rows, StructType schema, String appId, long batchId) {
        long received = rows.count();
        if (received == 0) {
            return BatchMetrics.NONE;
        }
        Dataset<Row> unique = SilverTables.firstCopies(rows, FactColumns.EVENT_ID, FactColumns.SOURCE)
                .dropDuplicates(fact.key().toArray(String[]::new)); // a Kafka record read twice: the same copy
        // an event's rows are inserted once, whole: lines of another copy of an event already held add nothing
        String condition = "t.`" + FactColumns.EVENT_ID + "` = s.`" + FactColumns.EVENT_ID + "`";
        long written = DeltaCommits.writeTagged(rows.sparkSession(), table(), new CommitTag.Batch(appId, batchId),
                target -> target.as("t").merge(unique.as("s"), condition).whenNotMatched().insertAll().execute(),
                "numTargetRowsInserted");
        return new BatchMetrics(received, received - written, written, 0);
    }
}
