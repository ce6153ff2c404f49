package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.orders}: one row per {@code order_placed} event, key
 * {@link FactColumns#EVENT_ID}. Versions 1 and 2 share the table: a version-1 order reads with {@link #CHANNEL}
 * null. The lines are in {@link SilverOrderLinesTable}; here their count and total. Partitioned by
 * {@link FactColumns#EVENT_DATE}; data skipping on order, customer and store.
 */
public final class SilverOrdersTable {
    private SilverOrdersTable() {
    }

    public static final String EVENT_TYPE_NAME = "order_placed";

    public static final String EVENT_ID = FactColumns.EVENT_ID;
    public static final String EVENT_DATE = FactColumns.EVENT_DATE;
    public static final String OCCURRED_AT = FactColumns.OCCURRED_AT;
    public static final String ORDER_ID = "order_id";
    public static final String CUSTOMER_ID = "customer_id";
    public static final String STORE_ID = "store_id";
    public static final String CURRENCY = "currency";
    /** Sales channel; null for version-1 events. */
    public static final String CHANNEL = "channel";
    public static final String LINE_COUNT = "line_count";
    /** Sum over the lines of quantity times unit price. */
    public static final String ORDER_TOTAL = "order_total";
    public static final String SCHEMA_VERSION = FactColumns.SCHEMA_VERSION;
    public static final String SOURCE = FactColumns.SOURCE;
    /** The payload field holding the lines (mapped to {@link SilverOrderLinesTable}). */
    static final String LINES = "lines";

    public static final StructType SCHEMA = FactColumns.around(new StructType()
            .add(ORDER_ID, StringType)
            .add(CUSTOMER_ID, StringType)
            .add(STORE_ID, StringType)
            .add(CURRENCY, StringType)
            .add(CHANNEL, StringType)
            .add(LINE_COUNT, IntegerType)
            .add(ORDER_TOTAL, FactColumns.MONEY_TOTAL));

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), EVENT_ID, OCCURRED_AT,
            ORDER_ID, CUSTOMER_ID, STORE_ID)
            .withZOrder(CUSTOMER_ID, STORE_ID);

    /** The table as the catalog knows it: named by {@code eventlake.silver.orders-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.orders-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Placed orders, typed and conformed to the latest contract, de-duplicated by event id; one "
                    + "row per order header.",
                    "one row per order", List.of(EVENT_ID), EVENT_TYPE_NAME));
}
