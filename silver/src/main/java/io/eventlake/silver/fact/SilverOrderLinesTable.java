package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.order_lines}: one row per line of an {@code order_placed} event, key
 * ({@link FactColumns#EVENT_ID}, {@link #LINE_NUMBER}). Partitioned by {@link FactColumns#EVENT_DATE}; data
 * skipping on order, store and SKU.
 */
public final class SilverOrderLinesTable {
    private SilverOrderLinesTable() {
    }

    public static final String EVENT_TYPE_NAME = SilverOrdersTable.EVENT_TYPE_NAME;

    public static final String EVENT_ID = FactColumns.EVENT_ID;
    public static final String EVENT_DATE = FactColumns.EVENT_DATE;
    public static final String OCCURRED_AT = FactColumns.OCCURRED_AT;
    /** Position of the line in its order, from 1. */
    public static final String LINE_NUMBER = "line_number";
    public static final String ORDER_ID = "order_id";
    public static final String STORE_ID = "store_id";
    public static final String SKU = "sku";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unit_price";
    /** Quantity times unit price. */
    public static final String LINE_AMOUNT = "line_amount";
    public static final String CURRENCY = "currency";
    public static final String SOURCE = FactColumns.SOURCE;

    public static final StructType SCHEMA = FactColumns.around(new StructType()
            .add(LINE_NUMBER, IntegerType, false)
            .add(ORDER_ID, StringType)
            .add(STORE_ID, StringType)
            .add(SKU, StringType)
            .add(QUANTITY, IntegerType)
            .add(UNIT_PRICE, FactColumns.MONEY)
            .add(LINE_AMOUNT, FactColumns.MONEY_TOTAL)
            .add(CURRENCY, StringType));

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), EVENT_ID, OCCURRED_AT,
            ORDER_ID, STORE_ID, SKU)
            .withZOrder(ORDER_ID, SKU);

    /** The table as the catalog knows it: named by {@code eventlake.silver.order-lines-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.order-lines-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("The lines of the placed orders (SKU, quantity, price, amount), with the order's store and "
                    + "currency.",
                    "one row per order line", List.of(EVENT_ID, LINE_NUMBER), EVENT_TYPE_NAME));
}
