package io.eventlake.silver.fact;

import io.eventlake.bronze.StreamMode;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverJob;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Streams {@code order_returned} events from {@code bronze.events} into {@link SilverReturnsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactStream}.
 */
public final class SilverReturnsJob implements SilverJob {
    public static final String NAME = "silver.returns";

    static final FactTable FACT = new FactTable(SilverReturnsTable.EVENT_TYPE_NAME, SilverReturnsTable.SCHEMA,
            SilverReturnsTable.LAYOUT, List.of(SilverReturnsTable.EVENT_ID), SilverReturnsJob::returnRows,
            Set.of(), true);

    private final FactStream stream;

    public SilverReturnsJob(SilverContext context) {
        this.stream = new FactStream(NAME, FACT, context.settings().tables().returns(), context);
    }

    /** The rows of {@link SilverReturnsTable} from conforming rows. */
    public static Dataset<Row> returnRows(Dataset<Row> accepted) {
        return FactColumns.withEventDate(accepted);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        return stream.start(spark, mode);
    }
}
