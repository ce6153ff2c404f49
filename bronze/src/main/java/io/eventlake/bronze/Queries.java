package io.eventlake.bronze;

import io.eventlake.errors.LakeErrors;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** Waiting for and stopping streaming queries, with failures turned into {@code STREAM_FAILED} errors. */
public final class Queries {
    private Queries() {
    }

    /** Blocks until the query ends; a failure names the job and its checkpoint. */
    public static void await(StreamingQuery query, String job, String checkpoint) {
        try {
            query.awaitTermination();
        } catch (StreamingQueryException e) {
            throw LakeErrors.streamFailed(job, checkpoint, e);
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
