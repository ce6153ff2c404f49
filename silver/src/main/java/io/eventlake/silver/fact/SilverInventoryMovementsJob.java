package io.eventlake.silver.fact;

import io.eventlake.silver.SilverContext;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Streams {@code inventory_adjusted} events from {@code bronze.events} into {@link SilverInventoryMovementsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactJob}.
 */
public final class SilverInventoryMovementsJob extends FactJob {
    public static final String NAME = "silver.inventory_movements";

    static final FactTable FACT = new FactTable(SilverInventoryMovementsTable.EVENT_TYPE_NAME, SilverInventoryMovementsTable.SPEC,
            List.of(SilverInventoryMovementsTable.EVENT_ID), SilverInventoryMovementsJob::movementRows,
            Set.of(), true);

    public SilverInventoryMovementsJob(SilverContext context) {
        super(NAME, FACT, context);
    }

    /** The rows of {@link SilverInventoryMovementsTable} from conforming rows. */
    public static Dataset<Row> movementRows(Dataset<Row> accepted) {
        return FactColumns.withEventDate(accepted);
    }
}
