package io.eventlake.gold.sales;

import static io.eventlake.gold.sales.DailyStoreSalesTable.AVG_BASKET;
import static io.eventlake.gold.sales.DailyStoreSalesTable.CURRENCY;
import static io.eventlake.gold.sales.DailyStoreSalesTable.DISTINCT_CUSTOMERS;
import static io.eventlake.gold.sales.DailyStoreSalesTable.EVENT_DATE;
import static io.eventlake.gold.sales.DailyStoreSalesTable.GROSS_REVENUE;
import static io.eventlake.gold.sales.DailyStoreSalesTable.MONEY;
import static io.eventlake.gold.sales.DailyStoreSalesTable.NET_REVENUE;
import static io.eventlake.gold.sales.DailyStoreSalesTable.ORDERS;
import static io.eventlake.gold.sales.DailyStoreSalesTable.REFUNDS;
import static io.eventlake.gold.sales.DailyStoreSalesTable.STORE_ID;
import static io.eventlake.gold.sales.DailyStoreSalesTable.UNITS;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Pure transforms from silver rows to {@link DailyStoreSalesTable} rows and the slices a change touches. No I/O. */
public final class DailyStoreSales {
    private DailyStoreSales() {
    }

    private static final Column[] KEY = {col(EVENT_DATE), col(STORE_ID), col(CURRENCY)};

    /**
     * The store of each order id: {@code order_id, store_id} (the smallest store should an id repeat).
     *
     * @param orders rows of {@code silver.orders}
     */
    public static Dataset<Row> orderStores(Dataset<Row> orders) {
        return orders.groupBy(SilverOrdersTable.ORDER_ID)
                .agg(min(col(SilverOrdersTable.STORE_ID)).as(STORE_ID));
    }

    /** Returns with the store of their order ({@code store_id} null when the order is unknown). */
    static Dataset<Row> attributed(Dataset<Row> returns, Dataset<Row> orderStores) {
        return returns.join(orderStores, returns.col(SilverReturnsTable.ORDER_ID)
                        .equalTo(orderStores.col(SilverOrdersTable.ORDER_ID)), "left")
                .select(returns.col(SilverReturnsTable.EVENT_DATE).as(EVENT_DATE), orderStores.col(STORE_ID),
                        returns.col(SilverReturnsTable.CURRENCY).as(CURRENCY),
                        returns.col(SilverReturnsTable.REFUND_AMOUNT));
    }

    /**
     * Every slice of the inputs, aggregated. Only orders present in both {@code orders} and {@code lines} count:
     * orders and customers from the order rows, units and gross revenue from their lines.
     *
     * @param orders      rows of {@code silver.orders} (those of the slices wanted, or all)
     * @param lines       rows of {@code silver.order_lines} (same days)
     * @param returns     rows of {@code silver.returns} (same days)
     * @param orderStores {@link #orderStores} of all orders (returns may refer to orders of other days)
     */
    public static Dataset<Row> slices(Dataset<Row> orders, Dataset<Row> lines, Dataset<Row> returns,
                                      Dataset<Row> orderStores) {
        // An order counts once both its header and its lines are in silver (the two tables are written by separate
        // streams): orders, customers, units and revenue then always come from the same events.
        Dataset<Row> complete = orders.join(lines.select(SilverOrderLinesTable.EVENT_ID).distinct(),
                SilverOrdersTable.EVENT_ID, "left_semi");
        Dataset<Row> completeLines = lines.join(orders.select(SilverOrdersTable.EVENT_ID),
                SilverOrderLinesTable.EVENT_ID, "left_semi");
        Dataset<Row> placed = complete.groupBy(col(SilverOrdersTable.EVENT_DATE).as(EVENT_DATE),
                        col(SilverOrdersTable.STORE_ID).as(STORE_ID), col(SilverOrdersTable.CURRENCY).as(CURRENCY))
                .agg(count(lit(1)).as(ORDERS), countDistinct(col(SilverOrdersTable.CUSTOMER_ID)).as(DISTINCT_CUSTOMERS));
        Dataset<Row> units = completeLines.groupBy(col(SilverOrderLinesTable.EVENT_DATE).as(EVENT_DATE),
                        col(SilverOrderLinesTable.STORE_ID).as(STORE_ID),
                        col(SilverOrderLinesTable.CURRENCY).as(CURRENCY))
                .agg(sum(col(SilverOrderLinesTable.QUANTITY)).cast(DataTypes.LongType).as(UNITS),
                        sum(col(SilverOrderLinesTable.LINE_AMOUNT)).cast(MONEY).as(GROSS_REVENUE));
        Dataset<Row> refunds = attributed(returns, orderStores).groupBy(KEY)
                .agg(sum(col(SilverReturnsTable.REFUND_AMOUNT)).cast(MONEY).as(REFUNDS));
        Column zero = lit(BigDecimal.ZERO).cast(MONEY);
        Column gross = coalesce(col(GROSS_REVENUE), zero);
        Column refunded = coalesce(col(REFUNDS), zero);
        Column orderCount = coalesce(col(ORDERS), lit(0L));
        // Orders and lines always have a store; refunds of unknown orders (store null) stay rows of their own.
        Seq<String> key = JavaConverters.asScalaBuffer(DailyStoreSalesTable.KEY).toSeq();
        return placed.join(units, key, "full")
                .join(refunds, key, "full")
                .select(col(EVENT_DATE), col(STORE_ID), col(CURRENCY), orderCount.as(ORDERS),
                        coalesce(col(UNITS), lit(0L)).as(UNITS), gross.as(GROSS_REVENUE), refunded.as(REFUNDS),
                        gross.minus(refunded).cast(MONEY).as(NET_REVENUE),
                        coalesce(col(DISTINCT_CUSTOMERS), lit(0L)).as(DISTINCT_CUSTOMERS),
                        when(orderCount.gt(0), gross.divide(orderCount).cast(MONEY)).as(AVG_BASKET));
    }

    /**
     * The slices ({@code event_date, store_id, currency}) whose rows change when these silver rows are added or
     * removed: their own; for returns, the slice of their order's store; for orders, the slices of the returns
     * that refer to them (with the store, and the store-less slice they leave).
     *
     * @param orders      changed rows of {@code silver.orders}
     * @param lines       changed rows of {@code silver.order_lines}
     * @param returns     changed rows of {@code silver.returns}
     * @param allReturns  every row of {@code silver.returns}
     * @param orderStores {@link #orderStores} of all orders
     */
    public static Dataset<Row> affectedSlices(Dataset<Row> orders, Dataset<Row> lines, Dataset<Row> returns,
                                              Dataset<Row> allReturns, Dataset<Row> orderStores) {
        Dataset<Row> ofOrders = orders.select(col(SilverOrdersTable.EVENT_DATE).as(EVENT_DATE),
                col(SilverOrdersTable.STORE_ID).as(STORE_ID), col(SilverOrdersTable.CURRENCY).as(CURRENCY));
        Dataset<Row> ofLines = lines.select(col(SilverOrderLinesTable.EVENT_DATE).as(EVENT_DATE),
                col(SilverOrderLinesTable.STORE_ID).as(STORE_ID), col(SilverOrderLinesTable.CURRENCY).as(CURRENCY));
        Dataset<Row> ofReturns = attributed(returns, orderStores).select(KEY);
        Dataset<Row> returnsOfOrders = attributed(allReturns.join(orders.select(SilverOrdersTable.ORDER_ID)
                .distinct(), SilverReturnsTable.ORDER_ID, "left_semi"), orderStores).select(KEY);
        Dataset<Row> storeLess = returnsOfOrders.select(col(EVENT_DATE), lit(null).cast(DataTypes.StringType)
                .as(STORE_ID), col(CURRENCY));
        return ofOrders.union(ofLines).union(ofReturns).union(returnsOfOrders).union(storeLess).distinct();
    }

    /** The key of a slice: {@code event_date, store_id, currency}, as collected by a refresh. */
    public static final StructType SLICE_SCHEMA = new StructType(Arrays.stream(DailyStoreSalesTable.SCHEMA.fields())
            .filter(f -> DailyStoreSalesTable.KEY.contains(f.name())).toArray(StructField[]::new));

    /** The table's columns, in its order. */
    static Column[] columns() {
        return Arrays.stream(DailyStoreSalesTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
    }

    /**
     * The new content of the days a refresh rewrites, and how it differs from what they held.
     *
     * @param rows     every row of those days after the refresh (table schema)
     * @param inserted slices new to the days
     * @param updated  slices whose measures changed
     * @param deleted  slices the changes left empty
     */
    public record DaysRewrite(List<Row> rows, long inserted, long updated, long deleted) {
    }

    /**
     * The days of {@code held} with the {@code slices} replaced by their {@code fresh} rows: a held row of an
     * affected slice is replaced by its fresh row, or dropped when there is none (the slice is now empty); other
     * held rows stay as they are. Pure; all three lists are small (slices, not facts).
     *
     * @param slices the affected slices (rows of {@link #SLICE_SCHEMA})
     * @param fresh  their recomputed rows (table schema); slices left empty have none
     * @param held   the table's rows of the affected slices' days now (table schema)
     */
    public static DaysRewrite rewrite(List<Row> slices, List<Row> fresh, List<Row> held) {
        int keys = DailyStoreSalesTable.KEY.size();
        Set<List<Object>> affected = new HashSet<>();
        slices.forEach(slice -> affected.add(key(slice, keys)));
        Map<List<Object>, Row> before = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Row row : held) {
            List<Object> key = key(row, keys);
            if (affected.contains(key)) {
                before.put(key, row);
            } else {
                rows.add(row);
            }
        }
        long inserted = 0;
        long updated = 0;
        for (Row row : fresh) {
            Row old = before.remove(key(row, keys));
            if (old == null) {
                inserted++;
            } else if (!old.equals(row)) {
                updated++;
            }
            rows.add(row);
        }
        return new DaysRewrite(rows, inserted, updated, before.size());
    }

    private static List<Object> key(Row row, int keys) {
        List<Object> key = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            key.add(row.get(i));
        }
        return key;
    }

    /** Names of the measure columns (all but the key). */
    static String[] measures() {
        return Arrays.stream(DailyStoreSalesTable.SCHEMA.fieldNames())
                .filter(c -> !DailyStoreSalesTable.KEY.contains(c)).toArray(String[]::new);
    }
}
