package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.col;

import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverTableJob;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A fact table's job: a {@link FactTable} on a silver stream.
 *
 * <p>De-duplication and idempotency without streaming state: rows repeating a key within the micro-batch are
 * dropped on the batch, and the write is a MERGE that inserts only keys the table lacks, so a duplicate in a later
 * batch (minutes or days later), a replayed batch, or a re-run of the same bronze range from a fresh checkpoint
 * changes nothing. No watermark: stateful de-duplication drops rows older than its watermark, and no event may
 * vanish because a clock moved. The cost is a scan of the table's key column per batch (the MERGE join).
 */
public abstract class FactJob extends SilverTableJob {
    private final FactTable fact;

    FactJob(String name, FactTable fact, TableLocation table, SilverContext context) {
        super(name, fact.eventType(), table, fact.published(), fact.layout(),
                fact.oneRowPerEvent() ? fact.consumed() : null, context);
        this.fact = fact;
    }

    @Override
    protected final Dataset<Row> rows(Dataset<Row> accepted, StructType schema) {
        return fact.rows().apply(accepted)
                .select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    }

    @Override
    protected final BatchMetrics write(Dataset<Row> rows, StructType schema, String appId, long batchId) {
        long received = rows.count();
        if (received == 0) {
            return BatchMetrics.NONE;
        }
        Dataset<Row> unique = rows.dropDuplicates(fact.key().toArray(String[]::new));
        String condition = fact.key().stream().map(k -> "t.`" + k + "` = s.`" + k + "`")
                .collect(Collectors.joining(" AND "));
        long written = DeltaCommits.writeTagged(rows.sparkSession(), table(), DeltaCommits.batchTag(appId, batchId),
                target -> target.as("t").merge(unique.as("s"), condition).whenNotMatched().insertAll().execute(),
                "numTargetRowsInserted");
        return new BatchMetrics(received, received - written, written, 0);
    }
}
