package io.eventlake.silver.fact;

import io.eventlake.silver.SilverContext;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Streams {@code payment_captured} events from {@code bronze.events} into {@link SilverPaymentsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactJob}.
 */
public final class SilverPaymentsJob extends FactJob {
    public static final String NAME = "silver.payments";

    static final FactTable FACT = new FactTable(SilverPaymentsTable.EVENT_TYPE_NAME, SilverPaymentsTable.SPEC,
            List.of(SilverPaymentsTable.EVENT_ID), SilverPaymentsJob::paymentRows,
            Set.of(), true);

    public SilverPaymentsJob(SilverContext context) {
        super(NAME, FACT, context);
    }

    /** The rows of {@link SilverPaymentsTable} from conforming rows. */
    public static Dataset<Row> paymentRows(Dataset<Row> accepted) {
        return FactColumns.withEventDate(accepted);
    }
}
