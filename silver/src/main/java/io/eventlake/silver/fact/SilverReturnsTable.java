package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.returns}: one row per {@code order_returned} event, key
 * {@link FactColumns#EVENT_ID}. Partitioned by {@link FactColumns#EVENT_DATE}; data skipping on order and SKU.
 */
public final class SilverReturnsTable {
    private SilverReturnsTable() {
    }

    public static final String EVENT_TYPE_NAME = "order_returned";

    public static final String EVENT_ID = FactColumns.EVENT_ID;
    public static final String EVENT_DATE = FactColumns.EVENT_DATE;
    public static final String OCCURRED_AT = FactColumns.OCCURRED_AT;
    public static final String RETURN_ID = "return_id";
    public static final String ORDER_ID = "order_id";
    public static final String SKU = "sku";
    public static final String QUANTITY = "quantity";
    public static final String REFUND_AMOUNT = "refund_amount";
    public static final String CURRENCY = "currency";
    public static final String REASON = "reason";
    public static final String SOURCE = FactColumns.SOURCE;

    public static final StructType SCHEMA = FactColumns.around(new StructType()
            .add(RETURN_ID, StringType)
            .add(ORDER_ID, StringType)
            .add(SKU, StringType)
            .add(QUANTITY, IntegerType)
            .add(REFUND_AMOUNT, FactColumns.MONEY)
            .add(CURRENCY, StringType)
            .add(REASON, StringType));

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), EVENT_ID, OCCURRED_AT,
            ORDER_ID, SKU)
            .withZOrder(ORDER_ID);

    /** The table as the catalog knows it: named by {@code eventlake.silver.returns-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.returns-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Returned items with their refunds, referring to the order they came from.",
                    "one row per return", List.of(EVENT_ID), EVENT_TYPE_NAME));
}
