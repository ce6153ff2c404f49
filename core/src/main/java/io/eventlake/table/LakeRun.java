package io.eventlake.table;

import java.util.Optional;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The id of the run a thread works for. The entry point sets it once per run on the thread that starts the jobs;
 * streaming queries started from that thread inherit it (Spark local properties pass to child threads), so every
 * commit a run makes carries its id ({@link DeltaCommits}) without each job passing it along.
 */
public final class LakeRun {
    private static final String PROPERTY = "eventlake.run.id";

    private LakeRun() {
    }

    /** Makes {@code runId} the current run of this thread and the threads (queries) it starts from now on. */
    public static void begin(SparkContext context, String runId) {
        context.setLocalProperty(PROPERTY, runId);
    }

    /** Forgets the current run of this thread. */
    public static void end(SparkContext context) {
        context.setLocalProperty(PROPERTY, null);
    }

    /** The run this thread works for; empty outside a run (e.g. a test calling a job directly). */
    public static Optional<String> current(SparkSession spark) {
        return Optional.ofNullable(spark.sparkContext().getLocalProperty(PROPERTY));
    }
}
