package io.eventlake.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.eventlake.bronze.validate.EventValidator;
import io.eventlake.errors.LakeErrors;
import io.eventlake.table.DeltaTables;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams Kafka records into {@code bronze.events}, with the invalid ones also in {@code bronze.quarantine}.
 *
 * <p>Input: the configured Kafka topics, from the checkpointed offsets (or {@code startingOffsets} on a new
 * checkpoint). Output: one {@link BronzeEventsTable} row per record; one {@link BronzeQuarantineTable} row per
 * invalid record.
 *
 * <p>Idempotency: exactly once across restarts. Offsets are checkpointed, and each micro-batch is appended to
 * both tables with Delta's {@code txnAppId} (the streaming query id, stable for the checkpoint's life) and
 * {@code txnVersion} (the batch id), so a batch replayed after a crash is skipped by the table that already has
 * it. {@code failOnDataLoss} is always on: offsets expired from Kafka fail the run instead of being skipped.
 */
public final class BronzeEventsJob {
    /** The streaming query name, and how logs and errors name this job. */
    public static final String NAME = "bronze.events";
    /** Spark sets this local property on the thread running a streaming query's batches. */
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    private static final Logger LOG = LoggerFactory.getLogger(BronzeEventsJob.class);

    /** How the query is triggered. */
    public enum Mode {
        /** A micro-batch every trigger interval until stopped. */
        CONTINUOUS,
        /** Drain what the topics hold now (respecting maxOffsetsPerTrigger), then stop: what schedulers use. */
        AVAILABLE_NOW
    }

    private final BronzeSettings settings;
    private final EventValidator validator;
    private final String runId;
    private final Clock clock;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();

    public BronzeEventsJob(BronzeSettings settings, EventValidator validator, String runId, Clock clock) {
        this.settings = settings;
        this.validator = validator;
        this.runId = runId;
        this.clock = clock;
    }

    /** Creates and registers both tables if needed, then starts the query. */
    public StreamingQuery start(SparkSession spark, Mode mode) {
        DeltaTables.ensure(spark, settings.events(), BronzeEventsTable.SCHEMA, BronzeEventsTable.PARTITION_COLUMNS);
        DeltaTables.ensure(spark, settings.quarantine(), BronzeQuarantineTable.SCHEMA,
                BronzeQuarantineTable.PARTITION_COLUMNS);
        try {
            return readKafka(spark, settings.kafka())
                    .writeStream()
                    .queryName(NAME)
                    .option("checkpointLocation", settings.checkpoint())
                    .trigger(mode == Mode.AVAILABLE_NOW
                            ? Trigger.AvailableNow()
                            : Trigger.ProcessingTime(settings.triggerInterval().toMillis()))
                    .foreachBatch((VoidFunction2<Dataset<Row>, Long>) this::writeBatch)
                    .start();
        } catch (TimeoutException e) {
            throw LakeErrors.streamFailed(NAME, settings.checkpoint(), e);
        }
    }

    /** Drains the topics and stops; returns what this run consumed. */
    public BronzeRunStats runAvailableNow(SparkSession spark) {
        StreamingQuery query = start(spark, Mode.AVAILABLE_NOW);
        awaitTermination(query);
        return stats();
    }

    /** Blocks until the query ends; a failed query becomes a {@code STREAM_FAILED} error. */
    public void awaitTermination(StreamingQuery query) {
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw LakeErrors.streamFailed(NAME, settings.checkpoint(), e);
        }
    }

    public BronzeRunStats stats() {
        return new BronzeRunStats(batches.get(), records.get(), quarantined.get());
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

    /** One micro-batch: validate once, append to events, append the invalid rows to quarantine. */
    void writeBatch(Dataset<Row> kafkaRecords, long batchId) {
        String appId = kafkaRecords.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        if (appId == null) {
            throw new IllegalStateException("writeBatch must run inside a streaming query");
        }
        Dataset<Row> validated = BronzeTransforms.validate(kafkaRecords, validator, runId, clock.instant())
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            // The events write computes (and caches) the batch once; quarantine reads the cache.
            OptionalLong written =
                    DeltaTables.appendOnce(BronzeTransforms.events(validated), settings.events(), appId, batchId);
            long invalid = validated.where(not(col(BronzeEventsTable.IS_VALID))).count();
            OptionalLong quarantinedRows = invalid == 0 ? OptionalLong.of(0) : DeltaTables.appendOnce(
                    BronzeTransforms.quarantine(validated), settings.quarantine(), appId, batchId);
            batches.incrementAndGet();
            records.addAndGet(written.orElse(0));
            quarantined.addAndGet(quarantinedRows.orElse(0));
            LOG.info("{} batch {}: {} records, {} quarantined{}", NAME, batchId,
                    written.isPresent() ? written.getAsLong() : "0 new", invalid,
                    written.isPresent() ? "" : " (replayed after a restart: already in the table, skipped)");
        } finally {
            validated.unpersist(false);
        }
    }
}
