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
 * Streams {@code payment_captured} events from {@code bronze.events} into {@link SilverPaymentsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactStream}.
 */
public final class SilverPaymentsJob implements SilverJob {
    public static final String NAME = "silver.payments";

    static final FactTable FACT = new FactTable(SilverPaymentsTable.EVENT_TYPE_NAME, SilverPaymentsTable.SCHEMA,
            SilverPaymentsTable.LAYOUT, List.of(SilverPaymentsTable.EVENT_ID), SilverPaymentsJob::paymentRows,
            Set.of(), true);

    private final FactStream stream;

    public SilverPaymentsJob(SilverContext context) {
        this.stream = new FactStream(NAME, FACT, context.settings().tables().payments(), context);
    }

    /** The rows of {@link SilverPaymentsTable} from conforming rows. */
    public static Dataset<Row> paymentRows(Dataset<Row> accepted) {
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
