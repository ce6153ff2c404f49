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
 * Streams {@code inventory_adjusted} events from {@code bronze.events} into {@link SilverInventoryMovementsTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactStream}.
 */
public final class SilverInventoryMovementsJob implements SilverJob {
    public static final String NAME = "silver.inventory_movements";

    static final FactTable FACT = new FactTable(SilverInventoryMovementsTable.EVENT_TYPE_NAME, SilverInventoryMovementsTable.SCHEMA,
            SilverInventoryMovementsTable.LAYOUT, List.of(SilverInventoryMovementsTable.EVENT_ID), SilverInventoryMovementsJob::movementRows,
            Set.of(), true);

    private final FactStream stream;

    public SilverInventoryMovementsJob(SilverContext context) {
        this.stream = new FactStream(NAME, FACT, context.settings().tables().inventoryMovements(), context);
    }

    /** The rows of {@link SilverInventoryMovementsTable} from conforming rows. */
    public static Dataset<Row> movementRows(Dataset<Row> accepted) {
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
