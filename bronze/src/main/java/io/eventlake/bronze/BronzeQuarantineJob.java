package io.eventlake.bronze;

import io.eventlake.stream.StreamMode;
import io.eventlake.table.DeltaTables;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Streams the invalid rows of {@code bronze.events} into {@code bronze.quarantine}.
 *
 * <p>Input: {@link BronzeEventsTable} as a Delta stream (new commits only, from its checkpoint). Output: one
 * {@link BronzeQuarantineTable} row per invalid record, with the reasons bronze recorded when it validated it, so
 * a later contract change cannot alter a verdict.
 *
 * <p>Idempotency: exactly once, by Delta's streaming sink (checkpointed source versions, transactional commits
 * keyed by the query id and batch id).
 */
public final class BronzeQuarantineJob {
    /** The streaming query name and its checkpoint folder. */
    public static final String NAME = "bronze.quarantine";

    private final BronzeSettings settings;

    public BronzeQuarantineJob(BronzeSettings settings) {
        this.settings = settings;
    }

    /** Creates and registers the quarantine table if needed, then starts the query (the events table must exist). */
    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        DeltaTables.ensure(spark, settings.quarantine(), BronzeQuarantineTable.SCHEMA,
                BronzeQuarantineTable.STATS_COLUMNS);
        return BronzeTransforms.quarantine(spark.readStream().format("delta").load(settings.events().path()))
                .writeStream()
                .queryName(NAME)
                .format("delta")
                .outputMode("append")
                .option("checkpointLocation", settings.checkpoint(NAME))
                .trigger(mode.trigger(settings.triggerInterval()))
                .start(settings.quarantine().path());
    }
}
