package io.eventlake.bronze;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.kafka.KafkaTopics;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.table.DeltaTables;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Streams Kafka records into {@code bronze.events} and {@code bronze.quarantine}, in one pass.
 *
 * <p>Input: the configured Kafka topics, from the checkpointed offsets (or {@code startingOffsets} on a new
 * checkpoint). Output: one {@link BronzeEventsTable} row per record, valid or not, with the reasons of the invalid
 * ones; and, from the same validated batch (each record validated once, never re-read from the table), one
 * {@link BronzeQuarantineTable} row per invalid record (the validation notes them as the events are written:
 * {@link InvalidRecords}).
 *
 * <p>Idempotency: exactly once across restarts, for both tables. Offsets are checkpointed, and each micro-batch is
 * appended to each table with Delta's {@code txnAppId} (the streaming query id, stable for the checkpoint's life)
 * and {@code txnVersion} (the batch id), so a batch replayed after a crash is skipped by a table that already has
 * it: a crash between the two appends replays the batch, which the events table skips and the quarantine takes. {@code failOnDataLoss}
 * is always on: offsets expired from Kafka fail the run instead of being skipped.
 */
public final class BronzeEventsJob {
    /** The streaming query name, its checkpoint folder, and how logs and errors name this job. */
    public static final String NAME = "bronze.events";
    /** Spark sets this local property on the thread running a streaming query's batches. */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    /** How long the start-up check waits for the broker before failing with a clear error. */
    private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(BronzeEventsJob.class);

    private final BronzeSettings settings;
    private final EventValidator validator;
    private final String runId;
    private final Clock clock;

    public BronzeEventsJob(BronzeSettings settings, EventValidator validator, String runId, Clock clock) {
        this.settings = settings;
        this.validator = validator;
        this.runId = runId;
        this.clock = clock;
    }

    /** Checks the broker and topics, creates and registers the table if needed, then starts the query. */
    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        KafkaSourceSettings kafka = settings.kafka();
        KafkaTopics.requireTopics(kafka.bootstrapServers(), kafka.topics(), kafka.options(), PREFLIGHT_TIMEOUT);
        DeltaTables.ensure(spark, settings.events(), BronzeEventsTable.SCHEMA, BronzeEventsTable.STATS_COLUMNS);
        DeltaTables.ensure(spark, settings.quarantine(), BronzeQuarantineTable.SCHEMA,
                BronzeQuarantineTable.STATS_COLUMNS);
        return Queries.startForeachBatch(readKafka(spark, kafka), NAME, settings.checkpoint(NAME),
                mode.trigger(settings.triggerInterval()), this::writeBatch);
    }

    /** The Kafka source, as configured. {@code failOnDataLoss} cannot be turned off. */
    public static Dataset<Row> readKafka(SparkSession spark, KafkaSourceSettings kafka) {
        DataStreamReader reader = spark.readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", String.join(",", kafka.topics()))
                .option("startingOffsets", kafka.startingOffsets())
                .option("maxOffsetsPerTrigger", kafka.maxOffsetsPerTrigger())
                .option("includeHeaders", true);
        for (var option : kafka.options().entrySet()) {
            reader = reader.option(option.getKey(), option.getValue());
        }
        return reader.option("failOnDataLoss", true).load();
    }

    /**
     * One micro-batch: validate each record once and append them all, then the invalid ones to the quarantine,
     * each exactly once. The validation notes the invalid records as the events are written
     * ({@link InvalidRecords}), so the quarantine re-validates just those. Should the events append fail, the
     * records whose write fails on their own ({@link PoisonRecords}) are appended as {@code unprocessable:<cause>}
     * with the rest, so one record never blocks its partition; a failure no single record explains (the disk, the
     * file system) is thrown as it is and the batch is retried by the next run.
     */
    void writeBatch(Dataset<Row> kafkaRecords, long batchId) {
        SparkSession spark = kafkaRecords.sparkSession();
        String appId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (appId == null) {
            throw new IllegalStateException("writeBatch must run inside a streaming query");
        }
        Dataset<Row> records = kafkaRecords.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            java.time.Instant ingestTime = clock.instant();
            if (DeltaTables.committedBatch(spark, settings.events(), appId) >= batchId) {
                // A replay after a crash between the two appends: the events are in, the quarantine maybe not.
                appendQuarantine(BronzeTransforms.events(records, validator, runId, ingestTime), appId, batchId);
                return;
            }
            InvalidRecords invalid = InvalidRecords.register(spark, NAME + " batch " + batchId + " invalid");
            Dataset<Row> events = BronzeTransforms.events(records, validator, runId, ingestTime, invalid);
            try {
                DeltaTables.appendOnce(events, settings.events(), appId, batchId);
            } catch (Exception failure) { // Spark's SparkException is checked in Java's eyes, though undeclared
                appendQuarantine(appendWithoutPoison(events, appId, batchId, failure), appId, batchId);
                return;
            }
            if (!invalid.noted().isEmpty()) { // most batches: nothing to quarantine, no second commit
                appendQuarantine(BronzeTransforms.events(invalid.of(records), validator, runId, ingestTime), appId,
                        batchId);
            }
        } finally {
            records.unpersist(false);
        }
    }

    /** The invalid rows of {@code events} appended to the quarantine, once per batch. */
    private void appendQuarantine(Dataset<Row> events, String appId, long batchId) {
        DeltaTables.appendOnce(BronzeTransforms.quarantine(events), settings.quarantine(), appId, batchId);
    }

    /**
     * After {@code failure} of an events append: finds the records whose write fails on their own, appends the
     * batch with them made unprocessable, and returns what was appended; rethrows when no record explains it.
     */
    private Dataset<Row> appendWithoutPoison(Dataset<Row> events, String appId, long batchId, Exception failure) {
        List<PoisonRecords.Poison> poison = new PoisonRecords(settings.checkpoint(NAME) + "/_poison-search")
                .find(events);
        if (poison.isEmpty()) {
            throw failure instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(NAME + " batch " + batchId + " failed", failure);
        }
        LOG.warn("{} batch {}: {} record(s) could not be written and go to quarantine as unprocessable: {}",
                NAME, batchId, poison.size(), poison);
        Dataset<Row> marked = events;
        for (PoisonRecords.Poison record : poison) {
            marked = BronzeTransforms.unprocessable(marked, List.of(record.at()), record.failure());
        }
        DeltaTables.appendOnce(marked, settings.events(), appId, batchId);
        return marked;
    }
}
