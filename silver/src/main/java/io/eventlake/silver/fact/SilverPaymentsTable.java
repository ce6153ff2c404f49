package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.payments}: one row per {@code payment_captured} event, key
 * {@link FactColumns#EVENT_ID}, conformed to the newest contract version (currency upper-case ISO-4217). Partitioned
 * by {@link FactColumns#EVENT_DATE}; data skipping on order id and currency.
 */
public final class SilverPaymentsTable {
    private SilverPaymentsTable() {
    }

    public static final String EVENT_TYPE_NAME = "payment_captured";

    public static final String EVENT_ID = FactColumns.EVENT_ID;
    public static final String EVENT_DATE = FactColumns.EVENT_DATE;
    public static final String OCCURRED_AT = FactColumns.OCCURRED_AT;
    public static final String PAYMENT_ID = "payment_id";
    public static final String ORDER_ID = "order_id";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String METHOD = "method";
    public static final String SOURCE = FactColumns.SOURCE;

    public static final StructType SCHEMA = FactColumns.around(new StructType()
            .add(PAYMENT_ID, StringType)
            .add(ORDER_ID, StringType)
            .add(AMOUNT, FactColumns.MONEY)
            .add(CURRENCY, StringType)
            .add(METHOD, StringType));

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), EVENT_ID, OCCURRED_AT,
            ORDER_ID, CURRENCY)
            .withZOrder(ORDER_ID);

    /** The table as the catalog knows it: named by {@code eventlake.silver.payments-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.payments-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Captured payments, typed and de-duplicated; quarantine rules send implausible amounts to "
                    + "silver.quarantine.",
                    "one row per payment", List.of(EVENT_ID), EVENT_TYPE_NAME));
}
