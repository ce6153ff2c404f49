package io.eventlake.bronze;

import io.eventlake.table.TableSpec;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
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

    /** A projection of {@link BronzeEventsTable#SCHEMA} plus {@link #REASON_CODE}: same names, same types. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        events(TOPIC), events(PARTITION), events(OFFSET), events(KAFKA_TIMESTAMP), events(KEY), events(VALUE),
        new StructField(REASON_CODE, StringType, false, Metadata.empty()),
        events(REASONS), events(EVENT_ID), events(EVENT_TYPE), events(SCHEMA_VERSION), events(INGEST_TIME),
        events(RUN_ID)});

    /** Columns Delta keeps min/max statistics for (data skipping). */
    private static StructField events(String column) {
        return BronzeEventsTable.SCHEMA.apply(column);
    }

    public static final String[] STATS_COLUMNS = {TOPIC, PARTITION, OFFSET, KAFKA_TIMESTAMP, REASON_CODE, EVENT_TYPE,
        INGEST_TIME, RUN_ID};

    /** The table as the catalog knows it: named by {@code eventlake.bronze.quarantine-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.bronze.quarantine-table", SCHEMA,
            TableLayout.unpartitioned(STATS_COLUMNS).withZOrder(REASON_CODE))
            .withDoc(TableDoc.of("The records of bronze.events that failed validation (malformed JSON, a missing field, an "
                    + "unknown type or version, an implausible event time), with a reason code: what to look at "
                    + "when a producer misbehaves.",
                    "one row per invalid Kafka record", List.of(TOPIC, PARTITION, OFFSET)));
}
