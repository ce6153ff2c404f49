package io.eventlake.orchestration.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.status.LakeStatusReader;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one recorded run from its start to its end ({@link #close}): its {@link LakeMetrics} listening
 * to the session's streaming queries, served on {@code eventlake.metrics.port}; in a continuous run, the tables'
 * versions and freshness sampled and the micro-batches appended to the run metrics table on their intervals. At
 * the end, the remaining micro-batches are appended and the endpoint stops.
 */
public final class RunMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);

    private final SparkSession spark;
    private final LakeSettings settings;
    private final LakeMetrics metrics;
    private final StreamingQueryListener listener;
    private final HTTPServer server;
    private final ScheduledExecutorService schedule;

    private RunMetrics(SparkSession spark, LakeSettings settings, String runId, boolean continuous) {
        this.spark = spark;
        this.settings = settings;
        this.metrics = new LakeMetrics(runId);
        this.listener = metrics.listener();
        spark.streams().addListener(listener);
        MetricsSettings config = settings.metrics();
        this.server = config.serves() ? metrics.serve(config.host(), config.port()) : null;
        if (continuous) {
            schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "eventlake-metrics");
                thread.setDaemon(true);
                return thread;
            });
            schedule.scheduleWithFixedDelay(this::sample, 0, config.sampleInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
            schedule.scheduleWithFixedDelay(this::flush, config.flushInterval().toMillis(),
                    config.flushInterval().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            schedule = null;
        }
    }

    /** Starts the metrics of run {@code runId} ({@code continuous}: with sampling and periodic flushes). */
    public static RunMetrics start(SparkSession spark, LakeSettings settings, String runId, boolean continuous) {
        return new RunMetrics(spark, settings, runId, continuous);
    }

    public LakeMetrics metrics() {
        return metrics;
    }

    /** The endpoint's port, when it serves. */
    public java.util.Optional<Integer> port() {
        return server == null ? java.util.Optional.empty() : java.util.Optional.of(server.getPort());
    }

    private void sample() {
        try {
            metrics.tables(LakeStatusReader.tables(spark, settings, Instant.now()).statuses());
            TableLocation results = settings.qualityGates().results();
            if (DeltaTables.exists(spark, results)) {
                metrics.verdicts(spark.read().format("delta").load(results.path())
                        .withColumn("_n", row_number().over(Window.partitionBy(GateResultsTable.TABLE_NAME,
                                GateResultsTable.RULE).orderBy(col(GateResultsTable.CHECKED_AT).desc())))
                        .where(col("_n").equalTo(1)).select(GateResultsTable.TABLE_NAME, GateResultsTable.RULE,
                                GateResultsTable.LEVEL, GateResultsTable.VERDICT).collectAsList());
            }
        } catch (RuntimeException e) { // a table rewritten meanwhile: the next sample catches up
            LOG.warn("could not sample the tables' versions for the metrics endpoint: {}", e.toString());
        }
    }

    private void flush() {
        try {
            metrics.flush(spark, settings.runMetrics());
        } catch (RuntimeException e) {
            LOG.warn("could not append to {} (the micro-batches stay buffered): {}", settings.runMetrics().name(),
                    e.toString());
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("streaming progress still queued at the end of the run: {}", e.toString());
        }
        spark.streams().removeListener(listener);
        if (!spark.sparkContext().isStopped()) {
            flush(); // a batch run's micro-batches; the tables are sampled only while a continuous run serves
        }
        if (server != null) {
            server.close();
        }
    }
}
