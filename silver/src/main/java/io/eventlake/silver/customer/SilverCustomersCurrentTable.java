package io.eventlake.silver.customer;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.silver.SilverTables;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.customers_current}: the current profile of each customer, SCD type 1.
 * One row per customer (key {@link #CUSTOMER_ID}): the attributes of its newest update by {@code occurred_at}, ties
 * broken by event id, whatever order the updates arrived in. Personal fields are keyed tokens. Not partitioned;
 * data skipping on customer id and country.
 */
public final class SilverCustomersCurrentTable {
    private SilverCustomersCurrentTable() {
    }

    public static final String EVENT_TYPE_NAME = SilverCustomersTable.EVENT_TYPE_NAME;

    public static final String CUSTOMER_ID = SilverCustomersTable.CUSTOMER_ID;
    public static final String EMAIL_TOKEN = SilverCustomersTable.EMAIL_TOKEN;
    public static final String FULL_NAME_TOKEN = SilverCustomersTable.FULL_NAME_TOKEN;
    public static final String PHONE_TOKEN = SilverCustomersTable.PHONE_TOKEN;
    public static final String COUNTRY = SilverCustomersTable.COUNTRY;
    public static final String LOYALTY_TIER = SilverCustomersTable.LOYALTY_TIER;
    /** {@code occurred_at} of the update the row holds. */
    public static final String UPDATED_AT = "updated_at";
    /** The update the row holds. */
    public static final String EVENT_ID = SilverCustomersTable.EVENT_ID;
    public static final String SCHEMA_VERSION = SilverCustomersTable.SCHEMA_VERSION;
    public static final String SOURCE = SilverCustomersTable.SOURCE;

    public static final StructType SCHEMA = new StructType()
            .add(CUSTOMER_ID, StringType, false)
            .add(EMAIL_TOKEN, StringType)
            .add(FULL_NAME_TOKEN, StringType)
            .add(PHONE_TOKEN, StringType)
            .add(COUNTRY, StringType)
            .add(LOYALTY_TIER, StringType)
            .add(UPDATED_AT, TimestampType)
            .add(EVENT_ID, StringType)
            .add(SCHEMA_VERSION, IntegerType)
            .add(SOURCE, SilverTables.SOURCE_TYPE);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(CUSTOMER_ID, COUNTRY, UPDATED_AT)
            .withZOrder(CUSTOMER_ID);

    /** The table as the catalog knows it: named by {@code eventlake.silver.customers-current-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.customers-current-table", SCHEMA, LAYOUT)
            .withEventTime(UPDATED_AT)
            .withDoc(TableDoc.of("The current profile of every customer (SCD1), for joins that want today's attributes.",
                    "one row per customer", List.of(CUSTOMER_ID), EVENT_TYPE_NAME));
}
