package io.eventlake.silver.fact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.silver.SilverTables;
import io.eventlake.silver.conform.Conformance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns every fact table has: the event's identity and time first, its envelope and lineage last. */
public final class FactColumns {
    private FactColumns() {
    }

    public static final String EVENT_ID = "event_id";
    /** UTC date of {@link #OCCURRED_AT}: the partition column. */
    public static final String EVENT_DATE = "event_date";
    /** When the event happened (UTC). */
    public static final String OCCURRED_AT = "occurred_at";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String PRODUCER = "producer";
    public static final String CORRELATION_ID = "correlation_id";
    /** Where the bronze record came from: topic, partition, offset, ingest_time. */
    public static final String SOURCE = Conformance.SOURCE;

    /** Money: 12 digits, 2 decimals, as the contracts define it. */
    public static final DecimalType MONEY = new DecimalType(12, 2);
    /** Sums of money (line amounts, order totals). */
    public static final DecimalType MONEY_TOTAL = new DecimalType(18, 2);

    /** {@code facts} between the identity columns and the envelope columns. */
    static StructType around(StructType facts) {
        StructType schema = new StructType()
                .add(EVENT_ID, StringType, false)
                .add(EVENT_DATE, DateType)
                .add(OCCURRED_AT, TimestampType);
        for (StructField field : facts.fields()) {
            schema = schema.add(field);
        }
        return schema
                .add(SCHEMA_VERSION, IntegerType)
                .add(PRODUCER, StringType)
                .add(CORRELATION_ID, StringType)
                .add(SOURCE, SilverTables.SOURCE_TYPE);
    }

    /** Adds {@link #EVENT_DATE} to conforming rows. */
    static Dataset<Row> withEventDate(Dataset<Row> accepted) {
        return accepted.withColumn(EVENT_DATE, to_date(col(OCCURRED_AT)));
    }
}
