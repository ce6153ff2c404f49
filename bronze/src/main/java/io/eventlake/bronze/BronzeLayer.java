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
 * The bronze layer: {@link BronzeEventsJob}, one streaming query writing {@code bronze.events} and
 * {@code bronze.quarantine} from each micro-batch.
 *
 * <p>Available-now drains the topics, so when it returns both tables hold everything the topics held. Continuous
 * runs the query until stopped. Exactly once, resuming from its checkpoint.
 */
public final class BronzeLayer {
    /** Every table bronze writes, for the lake's catalog. */
    public static final List<io.eventlake.table.TableSpec> TABLES =
            List.of(BronzeEventsTable.SPEC, BronzeQuarantineTable.SPEC);

    private final BronzeSettings settings;
    private final BronzeEventsJob events;
    private final String runId;

    public BronzeLayer(BronzeSettings settings, EventValidator validator, String runId, Clock clock) {
        this.settings = settings;
        this.events = new BronzeEventsJob(settings, validator, runId, clock);
        this.runId = runId;
    }

    /** Drains the topics into both tables, then stops. {@link #stats} says what this run wrote. */
    public void runAvailableNow(SparkSession spark) {
        Queries.await(events.start(spark, StreamMode.AVAILABLE_NOW), BronzeEventsJob.NAME,
                settings.checkpoint(BronzeEventsJob.NAME));
    }

    /** Starts the query; it runs until stopped. */
    public List<StreamingQuery> startContinuous(SparkSession spark) {
        return List.of(events.start(spark, StreamMode.CONTINUOUS));
    }

    /** Blocks until a query ends, then stops the others; a failure becomes a {@code STREAM_FAILED} error. */
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
