package io.eventlake.silver.customer;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.silver.SilverTables;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.customers}: customer history, SCD type 2. One row per version of a
 * customer, i.e. per {@code customer_updated} event (key {@link #EVENT_ID}); a customer's versions are ordered by
 * {@link #VALID_FROM} (the event's {@code occurred_at}), ties broken by event id, each valid until the next one's
 * {@link #VALID_FROM}; the last has {@link #VALID_TO} null and {@link #IS_CURRENT} true. Personal fields are keyed
 * tokens. Not partitioned (readers look up customers, current or as of a time); data skipping on customer id,
 * validity and event id.
 */
public final class SilverCustomersTable {
    private SilverCustomersTable() {
    }

    public static final String EVENT_TYPE_NAME = "customer_updated";

    public static final String CUSTOMER_ID = "customer_id";
    public static final String EMAIL_TOKEN = Conformance.tokenColumn("email");
    public static final String FULL_NAME_TOKEN = Conformance.tokenColumn("full_name");
    /** Null for version-1 events. */
    public static final String PHONE_TOKEN = Conformance.tokenColumn("phone");
    /** ISO-3166 alpha-2, upper-case. */
    public static final String COUNTRY = "country";
    public static final String LOYALTY_TIER = "loyalty_tier";
    /** When this version took effect: the update's {@code occurred_at}. */
    public static final String VALID_FROM = "valid_from";
    /** When the next version took effect; null while current. */
    public static final String VALID_TO = "valid_to";
    public static final String IS_CURRENT = "is_current";
    /** The update this version comes from. */
    public static final String EVENT_ID = "event_id";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String SOURCE = Conformance.SOURCE;

    public static final StructType SCHEMA = new StructType()
            .add(CUSTOMER_ID, StringType)
            .add(EMAIL_TOKEN, StringType)
            .add(FULL_NAME_TOKEN, StringType)
            .add(PHONE_TOKEN, StringType)
            .add(COUNTRY, StringType)
            .add(LOYALTY_TIER, StringType)
            .add(VALID_FROM, TimestampType)
            .add(VALID_TO, TimestampType)
            .add(IS_CURRENT, BooleanType)
            .add(EVENT_ID, StringType, false)
            .add(SCHEMA_VERSION, IntegerType)
            .add(SOURCE, SilverTables.SOURCE_TYPE);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(CUSTOMER_ID, VALID_FROM, VALID_TO, EVENT_ID)
            .withZOrder(CUSTOMER_ID);

    /** The table as the catalog knows it: named by {@code eventlake.silver.customers-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.customers-table", SCHEMA, LAYOUT)
            .withEventTime(VALID_FROM)
            .withDoc(TableDoc.of("Customer history (SCD2): every version of a customer's profile with its validity interval;"
                    + " personal fields tokenized.",
                    "one row per customer version", List.of(CUSTOMER_ID, VALID_FROM), EVENT_TYPE_NAME));
}
