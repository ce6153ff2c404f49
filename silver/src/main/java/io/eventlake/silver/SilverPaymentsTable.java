package io.eventlake.silver;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.silver.conform.Conformance;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.payments}: one row per {@code payment_captured} event (key
 * {@link #EVENT_ID}), conformed to the newest contract version. Clustered by {@link #EVENT_DATE} (readers filter
 * by day) through data skipping.
 */
public final class SilverPaymentsTable {
    private SilverPaymentsTable() {
    }

    public static final String EVENT_TYPE_NAME = "payment_captured";

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_DATE = "event_date";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String PAYMENT_ID = "payment_id";
    public static final String ORDER_ID = "order_id";
    public static final String AMOUNT = "amount";
    public static final String CURRENCY = "currency";
    public static final String METHOD = "method";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String PRODUCER = "producer";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String SOURCE = Conformance.SOURCE;

    public static final StructType SCHEMA = new StructType()
            .add(EVENT_ID, StringType, false)
            .add(EVENT_DATE, DateType)
            .add(OCCURRED_AT, TimestampType)
            .add(PAYMENT_ID, StringType)
            .add(ORDER_ID, StringType)
            .add(AMOUNT, DataTypes.createDecimalType(12, 2))
            .add(CURRENCY, StringType)
            .add(METHOD, StringType)
            .add(SCHEMA_VERSION, IntegerType)
            .add(PRODUCER, StringType)
            .add(CORRELATION_ID, StringType)
            .add(SOURCE, SilverTables.SOURCE_TYPE);

    public static final String[] STATS_COLUMNS = {EVENT_ID, EVENT_DATE, OCCURRED_AT, ORDER_ID, CURRENCY};
}
