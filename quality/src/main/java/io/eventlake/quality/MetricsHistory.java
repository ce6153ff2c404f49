package io.eventlake.quality;

import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.MetricsRepository;
import com.amazon.deequ.repository.ResultKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The gates' metrics history: a Deequ metrics repository per table (a JSON file under {@code root} on the lake's
 * file system, local or S3), bounded to the newest points ({@link BoundedMetricsRepository}). Each verification
 * saves its metrics under a point, a number that grows with the table's history (see {@link HistoryPoint}); a
 * repaired run saves under the same point as the failed one and so replaces its metrics, and anomaly rules compare
 * with the points before.
 */
public final class MetricsHistory {
    /**
     * Points kept per table by default. Anomaly rules compare with the previous point only; the rest is history
     * for people (the gate results table holds every verdict for good).
     */
    public static final int DEFAULT_POINTS = 200;

    private final String root;
    private final int points;

    /** @param root folder of the history files, e.g. {@code <lake>/_quality/metrics}; {@link #DEFAULT_POINTS} kept */
    public MetricsHistory(String root) {
        this(root, DEFAULT_POINTS);
    }

    /**
     * @param root   folder of the history files
     * @param points the newest points kept per table (older ones are dropped as new ones are saved)
     */
    public MetricsHistory(String root, int points) {
        if (points < 1) {
            throw new IllegalArgumentException("a metrics history keeps at least 1 point, not " + points);
        }
        this.root = root;
        this.points = points;
    }

    /**
     * Whether {@code table}'s history is known to hold points (seeded, or found so) in this JVM: a gate checking
     * a micro-batch every few seconds then does not read the history file only to learn it is not empty. A
     * history never empties itself (it keeps its newest points).
     */
    boolean holds(String table) {
        return HELD.contains(root + "/" + table);
    }

    void markHeld(String table) {
        HELD.add(root + "/" + table);
    }

    private static final java.util.Set<String> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    MetricsRepository repository(SparkSession spark, String table) {
        return new BoundedMetricsRepository(spark, root + "/" + table + ".json", points);
    }

    static scala.collection.immutable.Map<String, String> tags(String table) {
        return new scala.collection.immutable.Map.Map1<>("table", table);
    }

    static ResultKey key(String table, long point) {
        return new ResultKey(point, tags(table));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Analyzer<?, Metric<Object>> analyzer(Constraint.Anomaly anomaly) {
        Analyzer analyzer = anomaly.metric() == Constraint.Anomaly.Metric.ROW_COUNT ? new Size(Option.empty())
                : new Completeness(anomaly.column(), Option.empty(), Option.empty());
        return (Analyzer<?, Metric<Object>>) analyzer;
    }

    /**
     * Saves the metrics of {@code anomalies} computed on each data set at its point (one Deequ run per point):
     * history taken from a table's past versions.
     */
    public void seed(SparkSession spark, String table, List<Constraint.Anomaly> anomalies,
                     Map<Long, Dataset<Row>> dataByPoint) {
        List<Analyzer<?, Metric<?>>> analyzers = new java.util.ArrayList<>();
        for (Constraint.Anomaly anomaly : anomalies) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            Analyzer<?, Metric<?>> analyzer = (Analyzer) analyzer(anomaly);
            analyzers.add(analyzer);
        }
        MetricsRepository repository = repository(spark, table);
        dataByPoint.forEach((point, data) -> new VerificationSuite().onData(data)
                .addRequiredAnalyzers(JavaConverters.asScalaBuffer(analyzers).toSeq())
                .useRepository(repository).saveOrAppendResult(key(table, point)).run());
    }

    /** The metric's recorded values for {@code table}, by point, for points below {@code before}. */
    public Map<Long, Double> values(SparkSession spark, String table, Constraint.Anomaly anomaly, long before) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Analyzer<?, Metric<?>>> analyzers = List.of((Analyzer) analyzer(anomaly));
        List<AnalysisResult> results = JavaConverters.seqAsJavaList(repository(spark, table).load()
                .withTagValues(tags(table)).before(before - 1)
                .forAnalyzers(JavaConverters.asScalaBuffer(analyzers).toSeq()).get());
        Map<Long, Double> values = new TreeMap<>();
        for (AnalysisResult result : results) {
            for (Metric<?> metric : JavaConverters.asJavaCollection(result.analyzerContext().metricMap().values())) {
                if (metric.value().isSuccess() && metric.value().get() instanceof Number number) {
                    values.put(result.resultKey().dataSetDate(), number.doubleValue());
                }
            }
        }
        return values;
    }

    /** The newest recorded value below {@code before}; empty when there is none. */
    public Optional<Double> previous(SparkSession spark, String table, Constraint.Anomaly anomaly, long before) {
        Map<Long, Double> values = values(spark, table, anomaly, before);
        return values.isEmpty() ? Optional.empty()
                : Optional.of(((TreeMap<Long, Double>) values).lastEntry().getValue());
    }
}
