package io.eventlake.silver.fact;

import io.eventlake.silver.SilverContext;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Streams {@code order_returned} events from {@code bronze.events} into {@link SilverReturnsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactJob}.
 */
public final class SilverReturnsJob extends FactJob {
    public static final String NAME = "silver.returns";

    static final FactTable FACT = new FactTable(SilverReturnsTable.EVENT_TYPE_NAME, SilverReturnsTable.SPEC,
            List.of(SilverReturnsTable.EVENT_ID), SilverReturnsJob::returnRows,
            Set.of(), true);

    public SilverReturnsJob(SilverContext context) {
        super(NAME, FACT, context);
    }

    /** The rows of {@link SilverReturnsTable} from conforming rows. */
    public static Dataset<Row> returnRows(Dataset<Row> accepted) {
        return FactColumns.withEventDate(accepted);
    }
}
