package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.posexplode;

import io.eventlake.silver.SilverContext;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Streams the lines of {@code order_placed} events from {@code bronze.events} into {@link SilverOrderLinesTable}.
 *
 * <p>Input: valid bronze rows of the type, as a Delta stream. Output: one row per (event id, line number); an
 * order with no lines gives none. Records failing conformance go to silver quarantine. Idempotent: see {@link FactJob}.
 */
public final class SilverOrderLinesJob extends FactJob {
    public static final String NAME = "silver.order_lines";

    static final FactTable FACT = new FactTable(SilverOrderLinesTable.EVENT_TYPE_NAME, SilverOrderLinesTable.SPEC,
            List.of(SilverOrderLinesTable.EVENT_ID, SilverOrderLinesTable.LINE_NUMBER), SilverOrderLinesJob::orderLineRows,
            Set.of(), false);

    private final Sibling sibling;

    public SilverOrderLinesJob(SilverContext context) {
        super(NAME, FACT, context);
        this.sibling = new Sibling(context.settings().tables().orders(), SilverOrdersJob::orderRows);
    }

    /** An order and its lines go together: a rule of silver.orders quarantines the event here too. */
    @Override
    protected List<Sibling> siblings() {
        return List.of(sibling);
    }

    /** The rows of {@link SilverOrderLinesTable} from conforming order rows: one per line, numbered from 1. */
    public static Dataset<Row> orderLineRows(Dataset<Row> accepted) {
        Column line = col("_line");
        return FactColumns.withEventDate(accepted)
                .select(col("*"), posexplode(col(SilverOrdersTable.LINES)).as(new String[] {"_position", "_line"}))
                .withColumn(SilverOrderLinesTable.LINE_NUMBER, col("_position").plus(1))
                .withColumn(SilverOrderLinesTable.SKU, line.getField(SilverOrderLinesTable.SKU))
                .withColumn(SilverOrderLinesTable.QUANTITY, line.getField(SilverOrderLinesTable.QUANTITY))
                .withColumn(SilverOrderLinesTable.UNIT_PRICE, line.getField(SilverOrderLinesTable.UNIT_PRICE))
                .withColumn(SilverOrderLinesTable.LINE_AMOUNT, line.getField(SilverOrderLinesTable.QUANTITY)
                        .multiply(line.getField(SilverOrderLinesTable.UNIT_PRICE)).cast(FactColumns.MONEY_TOTAL));
    }
}
