package io.eventlake.bronze;

import io.eventlake.table.TableSpec;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code bronze.events}: one row per consumed Kafka record, valid or not, never
 * updated. Key: ({@link #TOPIC}, {@link #PARTITION}, {@link #OFFSET}).
 *
 * <p>Not partitioned: a bronze table is append-only and far below the size where partitions pay; reads by time
 * range or run prune files through Delta data skipping on the {@link #STATS_COLUMNS}.
 */
public final class BronzeEventsTable {
    private BronzeEventsTable() {
    }

    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String HEADERS = "headers";
    /** Envelope fields, null where the record did not carry a parseable value. */
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String PRODUCER = "producer";
    public static final String CORRELATION_ID = "correlation_id";
    /** True when the record passed envelope and contract validation; false rows are also in quarantine. */
    public static final String IS_VALID = "is_valid";
    /** Why the record is invalid, e.g. {@code [missing_field:order_id]}; empty when valid. */
    public static final String REASONS = "reasons";
    public static final String INGEST_TIME = "ingest_time";
    public static final String RUN_ID = "run_id";

    public static final StructType HEADER = new StructType()
            .add("key", StringType)
            .add("value", BinaryType);

    public static final StructType SCHEMA = new StructType()
            .add(TOPIC, StringType, false)
            .add(PARTITION, IntegerType, false)
            .add(OFFSET, LongType, false)
            .add(KAFKA_TIMESTAMP, TimestampType)
            .add(KEY, BinaryType)
            .add(VALUE, BinaryType)
            .add(HEADERS, DataTypes.createArrayType(HEADER))
            .add(EVENT_ID, StringType)
            .add(EVENT_TYPE, StringType)
            .add(SCHEMA_VERSION, IntegerType)
            .add(OCCURRED_AT, TimestampType)
            .add(PRODUCER, StringType)
            .add(CORRELATION_ID, StringType)
            .add(IS_VALID, BooleanType, false)
            .add(REASONS, DataTypes.createArrayType(StringType), false)
            .add(INGEST_TIME, TimestampType, false)
            .add(RUN_ID, StringType, false);

    /** Columns Delta keeps min/max statistics for (data skipping); not the raw payload. */
    public static final String[] STATS_COLUMNS = {TOPIC, PARTITION, OFFSET, KAFKA_TIMESTAMP, EVENT_TYPE,
        OCCURRED_AT, INGEST_TIME, RUN_ID};

    /** The table as the catalog knows it: named by {@code eventlake.bronze.events-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.bronze.events-table", SCHEMA,
            TableLayout.unpartitioned(STATS_COLUMNS).withZOrder(EVENT_TYPE, OCCURRED_AT))
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Every record consumed from the Kafka topics, valid or not, written exactly once with its "
                    + "Kafka coordinates, the envelope fields parsed and the validation reasons. Immutable: the "
                    + "lake's record of what arrived.",
                    "one row per Kafka record", List.of(TOPIC, PARTITION, OFFSET)));
}
