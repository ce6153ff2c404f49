package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import io.eventlake.silver.SilverContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Streams {@code order_placed} events (every contract version, read as the newest) from {@code bronze.events} into
 * {@link SilverOrdersTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per event id; records failing
 * conformance go to silver quarantine. Idempotent: see {@link FactJob}.
 */
public final class SilverOrdersJob extends FactJob {
    public static final String NAME = "silver.orders";

    static final FactTable FACT = new FactTable(SilverOrdersTable.EVENT_TYPE_NAME, SilverOrdersTable.SPEC,
            List.of(SilverOrdersTable.EVENT_ID), SilverOrdersJob::orderRows,
            Set.of(SilverOrdersTable.LINES), true);

    private final Sibling sibling;

    public SilverOrdersJob(SilverContext context) {
        super(NAME, FACT, context);
        this.sibling = new Sibling(context.settings().tables().orderLines(), SilverOrderLinesJob::orderLineRows);
    }

    /** An order and its lines go together: a rule of silver.order_lines quarantines the event here too. */
    @Override
    protected List<Sibling> siblings() {
        return List.of(sibling);
    }

    /** The rows of {@link SilverOrdersTable} from conforming rows: line count and total computed from the lines. */
    public static Dataset<Row> orderRows(Dataset<Row> accepted) {
        return FactColumns.withEventDate(accepted)
                .withColumn(SilverOrdersTable.LINE_COUNT, size(col(SilverOrdersTable.LINES)))
                .withColumn(SilverOrdersTable.ORDER_TOTAL, aggregate(col(SilverOrdersTable.LINES),
                        lit(BigDecimal.ZERO).cast(FactColumns.MONEY_TOTAL),
                        (total, line) -> total.plus(line.getField(SilverOrderLinesTable.QUANTITY)
                                .multiply(line.getField(SilverOrderLinesTable.UNIT_PRICE)))
                                .cast(FactColumns.MONEY_TOTAL)));
    }
}
