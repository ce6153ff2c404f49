package io.eventlake.devtools.demo;

import static org.apache.spark.sql.functions.col;

import io.eventlake.gold.features.CustomerFeaturesTable;
import io.eventlake.gold.inventory.InventoryAlertsTable;
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

    /** A few rows of {@code customer_features}: the customers with the most orders in 30 days, latest date. */
    public static String features(SparkSession spark, TableLocation table, int limit) {
        StringBuilder text = new StringBuilder(String.format("     %-8s %-10s %9s %10s %9s %10s %11s %10s%n",
                "customer", "date", "orders_7d", "orders_30d", "spend_30d", "basket_30d", "returns_90d",
                "days_since"));
        for (Row row : spark.read().format("delta").load(table.path())
                .orderBy(col(CustomerFeaturesTable.FEATURE_DATE).desc(), col(CustomerFeaturesTable.ORDERS_30D).desc(),
                        col(CustomerFeaturesTable.CUSTOMER_ID))
                .limit(limit).collectAsList()) {
            text.append(String.format("     %-8s %-10s %9d %10d %9s %10s %11s %10s%n",
                    row.getAs(CustomerFeaturesTable.CUSTOMER_ID), row.getAs(CustomerFeaturesTable.FEATURE_DATE),
                    row.<Long>getAs(CustomerFeaturesTable.ORDERS_7D), row.<Long>getAs(CustomerFeaturesTable.ORDERS_30D),
                    row.getAs(CustomerFeaturesTable.SPEND_30D), row.getAs(CustomerFeaturesTable.AVG_BASKET_30D),
                    row.isNullAt(row.fieldIndex(CustomerFeaturesTable.RETURN_RATE_90D)) ? "-"
                            : String.format("%.2f", row.<Double>getAs(CustomerFeaturesTable.RETURN_RATE_90D)),
                    row.getAs(CustomerFeaturesTable.DAYS_SINCE_LAST_ORDER)));
        }
        return text.toString();
    }

    /** The first {@code limit} alerts by time. */
    public static String alerts(SparkSession spark, TableLocation table, int limit) {
        StringBuilder text = new StringBuilder();
        for (Row row : spark.read().format("delta").load(table.path())
                .orderBy(col(InventoryAlertsTable.OCCURRED_AT), col(InventoryAlertsTable.ALERT_ID))
                .limit(limit).collectAsList()) {
            text.append(String.format("     %s %s %s: %d -> %d units (threshold %d), alert %s%n",
                    row.getAs(InventoryAlertsTable.OCCURRED_AT), row.getAs(InventoryAlertsTable.STORE_ID),
                    row.getAs(InventoryAlertsTable.SKU), row.<Long>getAs(InventoryAlertsTable.ON_HAND_BEFORE),
                    row.<Long>getAs(InventoryAlertsTable.ON_HAND),
                    row.<Integer>getAs(InventoryAlertsTable.REORDER_THRESHOLD),
                    row.<String>getAs(InventoryAlertsTable.ALERT_ID).substring(0, 12)));
        }
        return text.toString();
    }
}
