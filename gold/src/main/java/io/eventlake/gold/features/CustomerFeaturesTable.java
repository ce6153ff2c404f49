package io.eventlake.gold.features;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code gold.customer_features}, for ML: one row per customer per feature date D,
 * for every D from the day after the first order to the day after the last, once the customer has ordered
 * before D. Every feature uses only activity that occurred strictly before D 00:00 UTC (point in time), so a row
 * can be joined to a label observed at or after D without leaking the future. The features and their windows are
 * {@link CustomerFeatureDefinitions}. Partitioned by {@link #FEATURE_DATE}.
 */
public final class CustomerFeaturesTable {
    private CustomerFeaturesTable() {
    }

    public static final String CUSTOMER_ID = "customer_id";
    /** The date the features describe the customer at (its start, 00:00 UTC). */
    public static final String FEATURE_DATE = CustomerFeatureDefinitions.FEATURE_DATE;
    public static final String ORDERS_7D = CustomerFeatureDefinitions.ORDERS_7D.name();
    public static final String ORDERS_30D = CustomerFeatureDefinitions.ORDERS_30D.name();
    public static final String SPEND_30D = CustomerFeatureDefinitions.SPEND_30D.name();
    public static final String AVG_BASKET_30D = CustomerFeatureDefinitions.AVG_BASKET_30D.name();
    public static final String RETURN_RATE_90D = CustomerFeatureDefinitions.RETURN_RATE_90D.name();
    public static final String DAYS_SINCE_LAST_ORDER = CustomerFeatureDefinitions.DAYS_SINCE_LAST_ORDER.name();

    /** The key. */
    public static final List<String> KEY = List.of(CUSTOMER_ID, FEATURE_DATE);

    public static final StructType SCHEMA = schema();

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(FEATURE_DATE), CUSTOMER_ID)
            .withZOrder(CUSTOMER_ID);

    private static StructType schema() {
        StructType schema = new StructType().add(CUSTOMER_ID, StringType, false).add(FEATURE_DATE, DateType, false);
        for (FeatureDefinition feature : CustomerFeatureDefinitions.ALL) {
            schema = schema.add(feature.name(), feature.type());
        }
        return schema;
    }

    /** The table as the catalog knows it: named by {@code eventlake.gold.customer-features-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.gold.customer-features-table", SCHEMA, LAYOUT)
            .withEventTime(FEATURE_DATE)
            .withDoc(TableDoc.of("Point-in-time customer features for ML: each row uses only events before its feature date,"
                    + " so training sets never see the future.",
                    "one row per customer and feature date", List.of(CUSTOMER_ID, FEATURE_DATE)));
}
