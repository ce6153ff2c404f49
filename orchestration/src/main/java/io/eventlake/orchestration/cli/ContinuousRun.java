package io.eventlake.orchestration.cli;

import io.eventlake.stream.Queries;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * A continuous run until a query ends or Ctrl-C: the queries are stopped before Spark's own shutdown hook stops
 * the SparkContext, and the run's summary prints before the JVM exits.
 */
final class ContinuousRun {
    /** Hadoop's hook manager runs higher priorities first; Spark stops its context at a lower one. */
    private static final int STOP_BEFORE_SPARK = 100;

    private ContinuousRun() {
    }

    static void run(List<StreamingQuery> queries, Runnable awaitTermination, Runnable summary) {
        CountDownLatch summarized = new CountDownLatch(1);
        ShutdownHookManager.get().addShutdownHook(() -> {
            Queries.stopAll(queries);
            try {
                summarized.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, STOP_BEFORE_SPARK);
        try {
            awaitTermination.run();
            summary.run();
        } finally {
            summarized.countDown();
        }
    }
}
