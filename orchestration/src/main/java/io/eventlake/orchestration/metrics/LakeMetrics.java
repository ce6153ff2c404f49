package io.eventlake.orchestration.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.orchestration.status.LakeStatus;
import io.eventlake.silver.BatchMetrics;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.eventlake.silver.SilverRunMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of one run, in Prometheus form under the stable {@code eventlake_} namespace: fed by every
 * micro-batch's progress ({@link #listener}) and by the lake's status ({@link #tables}), with silver's counts read
 * at each scrape ({@link #observe}); served at {@code /metrics} while the run lasts ({@link #serve}); each
 * micro-batch also buffered for the run metrics table ({@link #flush}). Thread-safe: queries report from their own
 * threads.
 *
 * <p>Metric names (labels):
 * <pre>
 * eventlake_stream_batches_total{query}                 micro-batches completed
 * eventlake_stream_input_rows_total{query}              rows read
 * eventlake_stream_batch_duration_seconds{query}        the last micro-batch's duration
 * eventlake_stream_rows_per_second{query}               the last micro-batch's processing rate
 * eventlake_kafka_lag_records{query,topic,partition}    records on the topic-partition not read yet
 * eventlake_silver_rows_written_total{job}              rows a silver job inserted or changed
 * eventlake_silver_duplicates_total{job}                duplicates it dropped
 * eventlake_silver_quarantined_total{job}               records it quarantined
 * eventlake_table_version{table}                        the table's newest version
 * eventlake_table_behind_newest_event_seconds{table}    how far its newest event is behind bronze's
 * eventlake_table_stale{table}                          1 when that exceeds eventlake.status.stale-after
 * eventlake_gate_passed{table,rule,level}               1 when the rule's newest check passed, else 0
 * </pre>
 */
public final class LakeMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(LakeMetrics.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter batches = counter("eventlake_stream_batches", "Micro-batches completed.", "query");
    private final Counter inputRows = counter("eventlake_stream_input_rows", "Rows read by the query.", "query");
    private final Gauge duration = gauge("eventlake_stream_batch_duration_seconds",
            "Duration of the query's last micro-batch.", "query");
    private final Gauge rate = gauge("eventlake_stream_rows_per_second",
            "Processing rate of the query's last micro-batch.", "query");
    private final Gauge lag = gauge("eventlake_kafka_lag_records",
            "Records on the topic-partition the query has not read yet.", "query", "topic", "partition");
    private final Gauge version = gauge("eventlake_table_version", "The table's newest version.", "table");
    private final Gauge behind = gauge("eventlake_table_behind_newest_event_seconds",
            "How far the table's newest event is behind bronze's newest event.", "table");
    private final Gauge stale = gauge("eventlake_table_stale",
            "1 when the table is further behind than eventlake.status.stale-after.", "table");
    private final Gauge gate = gauge("eventlake_gate_passed",
            "1 when the quality rule's newest check passed, 0 when it did not.", "table", "rule", "level");
    private final List<Row> buffered = new ArrayList<>();
    private final String runId;

    public LakeMetrics(String runId) {
        this.runId = runId;
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help, String... labels) {
        return Gauge.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    /** A listener feeding these metrics from every micro-batch's progress (add it to the session's streams). */
    public StreamingQueryListener listener() {
        return new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
                progress(event.progress());
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
            }
        };
    }

    /** One micro-batch's progress (also the idle progress Spark reports between batches). */
    void progress(StreamingQueryProgress p) {
        String query = p.name() == null ? p.id().toString() : p.name();
        Map<String, Long> lags = new LinkedHashMap<>();
        for (SourceProgress source : p.sources()) {
            lags.putAll(kafkaLag(source.endOffset(), source.latestOffset()));
        }
        lags.forEach((partition, records) -> {
            int slash = partition.lastIndexOf('/');
            lag.labelValues(query, partition.substring(0, slash), partition.substring(slash + 1)).set(records);
        });
        long millis = p.batchDuration();
        batches.labelValues(query).inc();
        inputRows.labelValues(query).inc(p.numInputRows());
        duration.labelValues(query).set(millis / 1000.0);
        rate.labelValues(query).set(Double.isNaN(p.processedRowsPerSecond()) ? 0 : p.processedRowsPerSecond());
        synchronized (buffered) {
            buffered.add(RowFactory.create(runId, query, p.batchId(), Timestamp.from(Instant.parse(p.timestamp())),
                    p.numInputRows(), Double.isNaN(p.processedRowsPerSecond()) ? null : p.processedRowsPerSecond(),
                    millis, lags.isEmpty() ? null : lags.values().stream().mapToLong(Long::longValue).sum(),
                    lags.isEmpty() ? null : lags));
        }
    }

    /**
     * Lag per {@code topic/partition} from a Kafka source's offsets (JSON {@code {"topic":{"0":42}}}): latest minus
     * end; none for another source or before its first batch.
     */
    static Map<String, Long> kafkaLag(String end, String latest) {
        Map<String, Long> lags = new LinkedHashMap<>();
        try {
            if (latest == null || !latest.trim().startsWith("{")) {
                return lags;
            }
            JsonNode ends = end == null ? JSON.createObjectNode() : JSON.readTree(end);
            JsonNode latests = JSON.readTree(latest);
            for (Iterator<Map.Entry<String, JsonNode>> topics = latests.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                if (!topic.getValue().isObject()) {
                    return new LinkedHashMap<>(); // not a Kafka source (a Delta source's offsets are flat)
                }
                topic.getValue().fields().forEachRemaining(partition -> {
                    long read = ends.path(topic.getKey()).path(partition.getKey()).asLong(0);
                    lags.put(topic.getKey() + "/" + partition.getKey(), Math.max(0, partition.getValue().asLong()
                            - read));
                });
            }
        } catch (IOException e) {
            return new LinkedHashMap<>();
        }
        return lags;
    }

    /** Serves silver's counts of this run (read from {@code silver}'s totals at each scrape); once per run. */
    public synchronized void observe(SilverRunMetrics silver) {
        if (silverObserved) {
            return;
        }
        silverObserved = true;
        silverCounter("eventlake_silver_rows_written", "Rows a silver job inserted or changed.", silver,
                BatchMetrics::written);
        silverCounter("eventlake_silver_duplicates", "Duplicates a silver job dropped.", silver,
                BatchMetrics::duplicates);
        silverCounter("eventlake_silver_quarantined", "Records a silver job sent to quarantine.", silver,
                BatchMetrics::quarantined);
    }

    private boolean silverObserved;

    private void silverCounter(String name, String help, SilverRunMetrics silver,
                               java.util.function.ToLongFunction<BatchMetrics> count) {
        CounterWithCallback.builder().name(name).help(help).labelNames("job")
                .callback(callback -> silver.all().forEach((job, totals) -> callback.call(count.applyAsLong(totals),
                        job))).register(registry);
    }

    /** The tables' versions and freshness, from the lake's status. */
    public void tables(List<LakeStatus.TableStatus> tables) {
        for (LakeStatus.TableStatus table : tables) {
            table.version().ifPresent(v -> version.labelValues(table.name()).set(v));
            table.behind().ifPresent(b -> behind.labelValues(table.name()).set(b.toMillis() / 1000.0));
            stale.labelValues(table.name()).set(table.stale() ? 1 : 0);
        }
    }

    /** The newest verdict of every rule: rows of {@code table_name, rule, level, verdict}. */
    public void verdicts(List<Row> newest) {
        for (Row row : newest) {
            gate.labelValues(row.getString(0), row.getString(1), row.getString(2))
                    .set("passed".equals(row.getString(3)) ? 1 : 0);
        }
    }

    /** Serves these metrics at {@code http://host:port/metrics} until closed; null (logged) when the port is taken. */
    public HTTPServer serve(String host, int port) {
        try {
            return HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart();
        } catch (IOException e) {
            LOG.warn("metrics endpoint not started on {}:{} ({}): another run serves there; this run's metrics go "
                    + "to the run metrics table only", host, port, e.toString());
            return null;
        }
    }

    /** Appends the micro-batches buffered since the last flush to {@code table}; none is written twice. */
    public void flush(SparkSession spark, TableLocation table) {
        List<Row> rows;
        synchronized (buffered) {
            rows = new ArrayList<>(buffered);
            buffered.clear();
        }
        if (rows.isEmpty()) {
            return;
        }
        DeltaTables.ensure(spark, table, RunMetricsTable.SCHEMA, RunMetricsTable.LAYOUT);
        spark.createDataFrame(rows, RunMetricsTable.SCHEMA).write().format("delta").mode("append")
                .save(table.path());
    }
}
