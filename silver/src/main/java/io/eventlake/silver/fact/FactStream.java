package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.col;

import io.eventlake.bronze.StreamMode;
import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverCommits;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverJob;
import io.eventlake.silver.SilverSchemas;
import io.eventlake.silver.SilverStream;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a {@link FactTable} on a {@link SilverStream}.
 *
 * <p>De-duplication and idempotency without streaming state: rows repeating a key within the micro-batch are
 * dropped on the batch, and the write is a MERGE that inserts only keys the table lacks, so a duplicate in a later
 * batch (minutes or days later), a replayed batch, or a re-run of the same bronze range from a fresh checkpoint
 * changes nothing. No watermark: stateful de-duplication drops rows older than its watermark, and no event may
 * vanish because a clock moved. The cost is a scan of the table's key column per batch (the MERGE join).
 */
final class FactStream implements SilverJob {
    private final String name;
    private final FactTable fact;
    private final TableLocation table;
    private final SilverStream stream;

    FactStream(String name, FactTable fact, TableLocation table, SilverContext context) {
        this.name = name;
        this.fact = fact;
        this.table = table;
        this.stream = new SilverStream(name, fact.eventType(), table, fact.layout(), context);
    }

    @Override
    public String name() {
        return name;
    }

    /** The table's schema: its published columns, then payload fields newer contracts added. */
    StructType schema() {
        if (!fact.oneRowPerEvent()) {
            return fact.published();
        }
        return SilverSchemas.withNewPayloadFields(fact.published(), Conformance.payloadColumns(stream.versions()),
                fact.consumed());
    }

    @Override
    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        StructType schema = schema();
        return stream.start(spark, mode, schema, (accepted, appId, batchId) -> write(accepted, schema, appId,
                batchId));
    }

    private BatchMetrics write(Dataset<Row> accepted, StructType schema, String appId, long batchId) {
        Dataset<Row> rows = fact.rows().apply(accepted)
                .select(Arrays.stream(schema.fieldNames()).map(c -> col(c)).toArray(Column[]::new));
        long received = rows.count();
        if (received == 0) {
            return BatchMetrics.NONE;
        }
        Dataset<Row> unique = rows.dropDuplicates(fact.key().toArray(String[]::new));
        String condition = fact.key().stream().map(k -> "t.`" + k + "` = s.`" + k + "`")
                .collect(Collectors.joining(" AND "));
        long written = SilverCommits.writeTagged(accepted.sparkSession(), table, appId, batchId,
                target -> target.as("t").merge(unique.as("s"), condition).whenNotMatched().insertAll().execute(),
                "numTargetRowsInserted");
        return new BatchMetrics(received, received - written, written, 0);
    }
}
