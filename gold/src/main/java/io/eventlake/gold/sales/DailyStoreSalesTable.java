package io.eventlake.gold.sales;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code gold.daily_store_sales}, for BI: one row per (event date, store, currency)
 * with at least one order, line or refund. Money is never summed across currencies. Refunds count on the day of
 * the return, for the store of the returned order; a return whose order silver does not hold yet counts under
 * {@link #STORE_ID} null until the order arrives (then the refresh moves it). Partitioned by {@link #EVENT_DATE}.
 */
public final class DailyStoreSalesTable {
    private DailyStoreSalesTable() {
    }

    /** UTC day of the orders and returns. */
    public static final String EVENT_DATE = "event_date";
    public static final String STORE_ID = "store_id";
    public static final String CURRENCY = "currency";
    /** Orders placed. */
    public static final String ORDERS = "orders";
    /** Units over the orders' lines. */
    public static final String UNITS = "units";
    /** Sum of the orders' totals. */
    public static final String GROSS_REVENUE = "gross_revenue";
    /** Sum of refunds of returns on the day. */
    public static final String REFUNDS = "refunds";
    /** Gross revenue minus refunds. */
    public static final String NET_REVENUE = "net_revenue";
    /** Distinct customers who ordered. */
    public static final String DISTINCT_CUSTOMERS = "distinct_customers";
    /** Gross revenue per order; null without orders. */
    public static final String AVG_BASKET = "avg_basket";

    /** Sums of money. */
    public static final DecimalType MONEY = new DecimalType(18, 2);

    /** The columns identifying a row (a slice). */
    public static final List<String> KEY = List.of(EVENT_DATE, STORE_ID, CURRENCY);

    public static final StructType SCHEMA = new StructType()
            .add(EVENT_DATE, DateType)
            .add(STORE_ID, StringType)
            .add(CURRENCY, StringType)
            .add(ORDERS, LongType)
            .add(UNITS, LongType)
            .add(GROSS_REVENUE, MONEY)
            .add(REFUNDS, MONEY)
            .add(NET_REVENUE, MONEY)
            .add(DISTINCT_CUSTOMERS, LongType)
            .add(AVG_BASKET, MONEY);

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), STORE_ID, CURRENCY)
            .withZOrder(STORE_ID);

    /** The table as the catalog knows it: named by {@code eventlake.gold.daily-store-sales-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.gold.daily-store-sales-table", SCHEMA, LAYOUT)
            .withEventTime(EVENT_DATE)
            .withDoc(TableDoc.of("Sales per day, store and currency for BI: orders, units, gross revenue, refunds, net "
                    + "revenue, distinct customers, average basket. Refreshed from silver's change feed; every "
                    + "version audited before it is published.",
                    "one row per day, store and currency", List.of(EVENT_DATE, STORE_ID, CURRENCY)));
}
