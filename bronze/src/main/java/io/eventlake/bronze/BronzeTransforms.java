package io.eventlake.bronze;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.contracts.validate.Reason;
import io.eventlake.contracts.validate.ReasonCode;
import io.eventlake.contracts.validate.Validation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The bronze transforms, as named static functions over DataFrames. */
public final class BronzeTransforms {
    private BronzeTransforms() {
    }

    private static final String REASONS = BronzeEventsTable.REASONS;
    private static final String VALIDATION = "_validation";

    static final StructType VALIDATION_SCHEMA = new StructType()
            .add(BronzeEventsTable.EVENT_ID, DataTypes.StringType)
            .add(BronzeEventsTable.EVENT_TYPE, DataTypes.StringType)
            .add(BronzeEventsTable.SCHEMA_VERSION, DataTypes.IntegerType)
            .add(BronzeEventsTable.OCCURRED_AT, DataTypes.TimestampType)
            .add(BronzeEventsTable.PRODUCER, DataTypes.StringType)
            .add(BronzeEventsTable.CORRELATION_ID, DataTypes.StringType)
            .add(REASONS, DataTypes.createArrayType(DataTypes.StringType));

    /**
     * Validates raw Kafka records (the Kafka source's columns: key, value, topic, partition, offset, timestamp,
     * headers) into {@link BronzeEventsTable} rows; {@code occurred_at} is judged against the record's Kafka
     * timestamp ({@link io.eventlake.contracts.validate.EventTimeWindow}). Deterministic for a given input, run id and ingest time:
     * nothing is read from a clock here.
     */
    public static Dataset<Row> events(Dataset<Row> kafkaRecords, EventValidator validator, String runId,
                                        Instant ingestTime) {
        return events(kafkaRecords, validator, runId, ingestTime, null);
    }

    /**
     * {@link #events(Dataset, EventValidator, String, Instant)}, noting each invalid record in {@code invalid}
     * as it is validated (when the rows are computed), so the quarantine can take just those records.
     */
    public static Dataset<Row> events(Dataset<Row> kafkaRecords, EventValidator validator, String runId,
                                        Instant ingestTime, InvalidRecords invalid) {
        // Non-deterministic only so the optimizer never re-runs the parse once per extracted field.
        UserDefinedFunction validate = udf(new ValidateValue(validator, invalid), VALIDATION_SCHEMA)
                .asNondeterministic();
        Column result = col(VALIDATION);
        return kafkaRecords
                .withColumn(VALIDATION, validate.apply(col("value"), col("timestamp"), col("topic"),
                        col("partition"), col("offset")))
                .select(
                        col("topic").as(BronzeEventsTable.TOPIC),
                        col("partition").as(BronzeEventsTable.PARTITION),
                        col("offset").as(BronzeEventsTable.OFFSET),
                        col("timestamp").as(BronzeEventsTable.KAFKA_TIMESTAMP),
                        col("key").as(BronzeEventsTable.KEY),
                        col("value").as(BronzeEventsTable.VALUE),
                        col("headers").as(BronzeEventsTable.HEADERS),
                        result.getField(BronzeEventsTable.EVENT_ID).as(BronzeEventsTable.EVENT_ID),
                        result.getField(BronzeEventsTable.EVENT_TYPE).as(BronzeEventsTable.EVENT_TYPE),
                        result.getField(BronzeEventsTable.SCHEMA_VERSION).as(BronzeEventsTable.SCHEMA_VERSION),
                        result.getField(BronzeEventsTable.OCCURRED_AT).as(BronzeEventsTable.OCCURRED_AT),
                        result.getField(BronzeEventsTable.PRODUCER).as(BronzeEventsTable.PRODUCER),
                        result.getField(BronzeEventsTable.CORRELATION_ID).as(BronzeEventsTable.CORRELATION_ID),
                        size(result.getField(REASONS)).equalTo(0).as(BronzeEventsTable.IS_VALID),
                        result.getField(REASONS).as(REASONS),
                        lit(Timestamp.from(ingestTime)).as(BronzeEventsTable.INGEST_TIME),
                        lit(runId).as(BronzeEventsTable.RUN_ID));
    }

    /**
     * {@code events} with the records at {@code poison} (topic, partition, offset) made unprocessable: no parsed
     * envelope field (the value that broke the write is among them), invalid, reason
     * {@code unprocessable:<failure>}. Raw key, value and Kafka coordinates stay, so nothing is lost.
     */
    public static Dataset<Row> unprocessable(Dataset<Row> events, List<Row> poison, String failure) {
        Column hit = lit(false);
        for (Row at : poison) {
            hit = hit.or(col(BronzeEventsTable.TOPIC).equalTo(at.getString(0))
                    .and(col(BronzeEventsTable.PARTITION).equalTo(at.getInt(1)))
                    .and(col(BronzeEventsTable.OFFSET).equalTo(at.getLong(2))));
        }
        Dataset<Row> marked = events;
        for (String field : List.of(BronzeEventsTable.EVENT_ID, BronzeEventsTable.EVENT_TYPE,
                BronzeEventsTable.SCHEMA_VERSION, BronzeEventsTable.OCCURRED_AT, BronzeEventsTable.PRODUCER,
                BronzeEventsTable.CORRELATION_ID)) {
            marked = marked.withColumn(field, when(hit, lit(null).cast(events.schema().apply(field).dataType()))
                    .otherwise(col(field)));
        }
        return marked
                .withColumn(BronzeEventsTable.IS_VALID, when(hit, lit(false)).otherwise(col(BronzeEventsTable.IS_VALID)))
                .withColumn(REASONS, when(hit, array(lit(Reason.of(ReasonCode.UNPROCESSABLE, failure).toString())))
                        .otherwise(col(REASONS)));
    }

    /** {@link BronzeQuarantineTable} rows from {@link BronzeEventsTable} rows: the invalid ones, with reasons. */
    public static Dataset<Row> quarantine(Dataset<Row> events) {
        return events
                .where(not(col(BronzeEventsTable.IS_VALID)))
                .withColumn(BronzeQuarantineTable.REASON_CODE,
                        element_at(split(element_at(col(REASONS), 1), ":"), 1))
                .select(columns(BronzeQuarantineTable.SCHEMA));
    }

    private static Column[] columns(StructType schema) {
        return Arrays.stream(schema.fieldNames()).map(name -> col(name)).toArray(Column[]::new);
    }

    /**
     * The validator as a Spark UDF: raw value, Kafka timestamp and coordinates in, {@link #VALIDATION_SCHEMA}
     * struct out; an invalid record is noted in {@code invalid} when given. A value the validator cannot evaluate
     * (it threw) is {@code unprocessable:<exception class>}, so one record never fails a batch.
     */
    private record ValidateValue(EventValidator validator, InvalidRecords invalid)
            implements UDF5<byte[], Timestamp, String, Integer, Long, Row> {
        @Override
        public Row call(byte[] value, Timestamp kafkaTimestamp, String topic, Integer partition, Long offset) {
            Validation v;
            try {
                v = validator.validate(value, kafkaTimestamp == null ? null : kafkaTimestamp.toInstant());
            } catch (RuntimeException | StackOverflowError e) {
                v = Validation.unprocessable(e);
            }
            if (invalid != null && !v.reasons().isEmpty()) {
                invalid.note(topic, partition, offset);
            }
            return RowFactory.create(v.eventId(), v.eventType(), v.schemaVersion(),
                    v.occurredAt() == null ? null : Timestamp.from(v.occurredAt()),
                    v.producer(), v.correlationId(),
                    v.reasons().stream().map(Reason::toString).toList());
        }
    }
}
