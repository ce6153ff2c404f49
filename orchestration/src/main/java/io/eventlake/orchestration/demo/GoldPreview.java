package io.eventlake.orchestration.demo;

import static org.apache.spark.sql.functions.col;

import io.eventlake.gold.sales.DailyStoreSalesTable;
import io.eventlake.table.TableLocation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Gold rows as a reader would look at them first, for the demo. */
public final class GoldPreview {
    private GoldPreview() {
    }

    /** The {@code limit} slices of {@code daily_store_sales} with the highest net revenue, as aligned text. */
    public static String topSales(SparkSession spark, TableLocation table, int limit) {
        StringBuilder text = new StringBuilder(String.format("     %-10s %-6s %-3s %6s %6s %10s %9s %10s %9s %7s%n",
                "date", "store", "cur", "orders", "units", "gross", "refunds", "net", "customers", "basket"));
        for (Row row : spark.read().format("delta").load(table.path())
                .orderBy(col(DailyStoreSalesTable.NET_REVENUE).desc(), col(DailyStoreSalesTable.EVENT_DATE),
                        col(DailyStoreSalesTable.STORE_ID), col(DailyStoreSalesTable.CURRENCY))
                .limit(limit).collectAsList()) {
            text.append(String.format("     %-10s %-6s %-3s %6d %6d %10s %9s %10s %9d %7s%n",
                    row.getAs(DailyStoreSalesTable.EVENT_DATE), row.getAs(DailyStoreSalesTable.STORE_ID),
                    row.getAs(DailyStoreSalesTable.CURRENCY), row.<Long>getAs(DailyStoreSalesTable.ORDERS),
                    row.<Long>getAs(DailyStoreSalesTable.UNITS), row.getAs(DailyStoreSalesTable.GROSS_REVENUE),
                    row.getAs(DailyStoreSalesTable.REFUNDS), row.getAs(DailyStoreSalesTable.NET_REVENUE),
                    row.<Long>getAs(DailyStoreSalesTable.DISTINCT_CUSTOMERS),
                    row.getAs(DailyStoreSalesTable.AVG_BASKET)));
        }
        return text.toString();
    }
}
