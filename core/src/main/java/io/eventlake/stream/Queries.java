package io.eventlake.stream;

import io.eventlake.errors.LakeErrors;
import io.eventlake.errors.LakeException;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/** Waiting for and stopping streaming queries, with failures turned into {@code STREAM_FAILED} errors. */
public final class Queries {
    private Queries() {
    }

    private static final long AWAIT_SLICE_MS = 200;

    /**
     * Starts a query that hands each micro-batch to {@code writer} (which makes the write idempotent), named
     * {@code job}, checkpointed at {@code checkpoint}.
     */
    public static StreamingQuery startForeachBatch(Dataset<Row> stream, String job, String checkpoint,
                                                   Trigger trigger, VoidFunction2<Dataset<Row>, Long> writer) {
        try {
            return stream.writeStream()
                    .queryName(job)
                    .option("checkpointLocation", checkpoint)
                    .trigger(trigger)
                    .foreachBatch(writer)
                    .start();
        } catch (TimeoutException e) {
            throw LakeErrors.streamFailed(job, checkpoint, e);
        }
    }

    /** Blocks until the query ends; a failure names the job and its checkpoint. */
    public static void await(StreamingQuery query, String job, String checkpoint) {
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw failure(job, checkpoint, e);
        }
    }

    /**
     * A query's failure as the user should see it: an eventlake error raised inside a micro-batch (e.g. a quality
     * gate blocking it) as it is, anything else as {@code STREAM_FAILED} naming the job and checkpoint.
     */
    private static LakeException failure(String job, String checkpoint, Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof LakeException lake) {
                return lake;
            }
        }
        return LakeErrors.streamFailed(job, checkpoint, error);
    }

    /**
     * Blocks until one of the queries ends, then stops the others; a failure becomes a {@code STREAM_FAILED} error
     * naming the failed query and its checkpoint.
     *
     * @param checkpoints each job's checkpoint folder, by job (query) name
     */
    public static void awaitAny(List<StreamingQuery> queries,
                                Function<String, String> checkpoints) {
        // Watches these queries only: the session's awaitAnyTermination also returns for queries that ended
        // before (another command in the same session), which would stop a pipeline as soon as it started.
        while (true) {
            for (StreamingQuery query : queries) {
                try {
                    if (query.awaitTermination(AWAIT_SLICE_MS)) {
                        stopAll(queries);
                        return;
                    }
                } catch (StreamingQueryException e) {
                    stopAll(queries);
                    throw failure(query.name(), checkpoints.apply(query.name()), e);
                }
            }
        }
    }

    /** Stops the queries; a batch cut short is replayed, exactly once, by the next run. */
    public static void stopAll(List<StreamingQuery> queries) {
        for (StreamingQuery query : queries) {
            try {
                query.stop();
            } catch (TimeoutException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
