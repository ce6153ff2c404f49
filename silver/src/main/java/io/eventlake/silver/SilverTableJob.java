package io.eventlake.silver;

import io.eventlake.bronze.StreamMode;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableLocation;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;

/**
 * A silver job writing one table from one event type on a {@link SilverStream}: the table's schema is its
 * published columns followed by the payload fields newer contract versions added (schema evolution); a subclass
 * says how a micro-batch's conforming rows are written, idempotently.
 */
public abstract class SilverTableJob implements SilverJob {
    private final String name;
    private final TableLocation table;
    private final StructType published;
    private final Set<String> consumed;
    private final SilverStream stream;

    /**
     * @param published the table's published columns
     * @param consumed  payload columns the table maps into other columns, not carried as they are; {@code null}
     *                  when no payload field is carried as it is (a row is not one event)
     */
    protected SilverTableJob(String name, String eventType, TableLocation table, StructType published,
                             TableLayout layout, Set<String> consumed, SilverContext context) {
        this.name = name;
        this.table = table;
        this.published = published;
        this.consumed = consumed;
        this.stream = new SilverStream(name, eventType, table, layout, context);
    }

    @Override
    public final String name() {
        return name;
    }

    /** The table the job writes. */
    protected final TableLocation table() {
        return table;
    }

    /** The table's schema: its published columns, then payload fields newer contracts added. */
    public final StructType schema() {
        if (consumed == null) {
            return published;
        }
        return SilverSchemas.withNewPayloadFields(published, Conformance.payloadColumns(stream.versions()), consumed);
    }

    @Override
    public final StreamingQuery start(SparkSession spark, StreamMode mode) {
        StructType schema = schema();
        return stream.start(spark, mode, schema, (accepted, appId, batchId) -> write(accepted, schema, appId,
                batchId));
    }

    /**
     * Writes a micro-batch's conforming rows to the table, idempotently.
     *
     * @param schema the table's schema (select these columns)
     * @return rows received, duplicates dropped, rows written
     */
    protected abstract BatchMetrics write(Dataset<Row> accepted, StructType schema, String appId, long batchId);
}
