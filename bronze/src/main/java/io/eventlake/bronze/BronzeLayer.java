package io.eventlake.bronze;

import static org.apache.spark.sql.functions.col;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.validate.EventValidator;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The bronze layer's two jobs run together: {@link BronzeEventsJob} (Kafka to {@code bronze.events}) and
 * {@link BronzeQuarantineJob} ({@code bronze.events} to {@code bronze.quarantine}).
 *
 * <p>Available-now runs them one after the other (events drained first, then quarantine), so when it returns both
 * tables hold everything the topics held. Continuous runs both queries side by side. Both are exactly once and
 * resume from their checkpoints.
 */
public final class BronzeLayer {
    /** Every table bronze writes, for the lake's catalog. */
    public static final List<io.eventlake.table.TableSpec> TABLES =
            List.of(BronzeEventsTable.SPEC, BronzeQuarantineTable.SPEC);

    private final BronzeSettings settings;
    private final BronzeEventsJob events;
    private final BronzeQuarantineJob quarantine;
    private final String runId;

    public BronzeLayer(BronzeSettings settings, EventValidator validator, String runId, Clock clock) {
        this.settings = settings;
        this.events = new BronzeEventsJob(settings, validator, runId, clock);
        this.quarantine = new BronzeQuarantineJob(settings);
        this.runId = runId;
    }

    /** Drains the topics into both tables, then stops. {@link #stats} says what this run wrote. */
    public void runAvailableNow(SparkSession spark) {
        Queries.await(events.start(spark, StreamMode.AVAILABLE_NOW), BronzeEventsJob.NAME,
                settings.checkpoint(BronzeEventsJob.NAME));
        Queries.await(quarantine.start(spark, StreamMode.AVAILABLE_NOW), BronzeQuarantineJob.NAME,
                settings.checkpoint(BronzeQuarantineJob.NAME));
    }

    /** Starts both queries; they run until stopped. */
    public List<StreamingQuery> startContinuous(SparkSession spark) {
        StreamingQuery eventsQuery = events.start(spark, StreamMode.CONTINUOUS);
        return List.of(eventsQuery, quarantine.start(spark, StreamMode.CONTINUOUS));
    }

    /** Blocks until one query ends, then stops the other; a failure becomes a {@code STREAM_FAILED} error. */
    public void awaitAny(List<StreamingQuery> queries) {
        Queries.awaitAny(queries, settings::checkpoint);
    }

    /** Rows this run wrote, counted in the tables by run id (data skipping keeps this to the run's files). */
    public BronzeRunStats stats(SparkSession spark) {
        long records = spark.read().format("delta").load(settings.events().path())
                .where(col(BronzeEventsTable.RUN_ID).equalTo(runId)).count();
        long quarantined = spark.read().format("delta").load(settings.quarantine().path())
                .where(col(BronzeQuarantineTable.RUN_ID).equalTo(runId)).count();
        return new BronzeRunStats(records, quarantined);
    }
}
