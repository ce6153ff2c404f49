package io.eventlake.bronze;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code bronze.quarantine}: one row per record that failed envelope or contract
 * validation, with the raw payload, its Kafka coordinates and why. Key: (topic, partition, offset), the same
 * record as in {@link BronzeEventsTable}. Not partitioned (see {@link BronzeEventsTable}).
 */
public final class BronzeQuarantineTable {
    private BronzeQuarantineTable() {
    }

    public static final String TOPIC = BronzeEventsTable.TOPIC;
    public static final String PARTITION = BronzeEventsTable.PARTITION;
    public static final String OFFSET = BronzeEventsTable.OFFSET;
    public static final String KAFKA_TIMESTAMP = BronzeEventsTable.KAFKA_TIMESTAMP;
    public static final String KEY = BronzeEventsTable.KEY;
    public static final String VALUE = BronzeEventsTable.VALUE;
    /** Code of the first reason, e.g. {@code missing_field}: what to group by. */
    public static final String REASON_CODE = "reason_code";
    /** Every reason, e.g. {@code [missing_field:order_id, wrong_type:lines.quantity]}. */
    public static final String REASONS = BronzeEventsTable.REASONS;
    public static final String EVENT_ID = BronzeEventsTable.EVENT_ID;
    public static final String EVENT_TYPE = BronzeEventsTable.EVENT_TYPE;
    public static final String SCHEMA_VERSION = BronzeEventsTable.SCHEMA_VERSION;
    public static final String INGEST_TIME = BronzeEventsTable.INGEST_TIME;
    public static final String RUN_ID = BronzeEventsTable.RUN_ID;

    public static final StructType SCHEMA = new StructType()
            .add(TOPIC, StringType, false)
            .add(PARTITION, IntegerType, false)
            .add(OFFSET, LongType, false)
            .add(KAFKA_TIMESTAMP, TimestampType)
            .add(KEY, BinaryType)
            .add(VALUE, BinaryType)
            .add(REASON_CODE, StringType, false)
            .add(REASONS, DataTypes.createArrayType(StringType), false)
            .add(EVENT_ID, StringType)
            .add(EVENT_TYPE, StringType)
            .add(SCHEMA_VERSION, IntegerType)
            .add(INGEST_TIME, TimestampType, false)
            .add(RUN_ID, StringType, false);

    /** Columns Delta keeps min/max statistics for (data skipping). */
    public static final String[] STATS_COLUMNS = {TOPIC, PARTITION, OFFSET, KAFKA_TIMESTAMP, REASON_CODE, EVENT_TYPE,
        INGEST_TIME, RUN_ID};
}
