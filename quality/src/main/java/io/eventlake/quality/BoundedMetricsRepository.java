package io.eventlake.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.AnalysisResultSerde;
import com.amazon.deequ.repository.MetricsRepository;
import com.amazon.deequ.repository.MetricsRepositoryMultipleResultsLoader;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository$;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.BoxedUnit;

/**
 * Deequ's file metrics repository (one JSON file on the lake's file system), kept to the newest {@code keep}
 * points: a save reads the file, replaces the result of the same key, drops the oldest points past {@code keep}
 * and writes the file back, so a table that commits every few seconds for months neither grows the file nor
 * slows its own saves. Loads are Deequ's own.
 */
final class BoundedMetricsRepository implements MetricsRepository {
    private final SparkSession spark;
    private final String path;
    private final int keep;
    private final FileSystemMetricsRepository files;

    BoundedMetricsRepository(SparkSession spark, String path, int keep) {
        this.spark = spark;
        this.path = path;
        this.keep = keep;
        this.files = new FileSystemMetricsRepository(spark, path);
    }

    @Override
    public void save(ResultKey key, AnalyzerContext context) {
        // As Deequ's own save: only the metrics that could be computed are kept.
        java.util.Map<Analyzer<?, Metric<?>>, Metric<?>> successful = new java.util.LinkedHashMap<>();
        JavaConverters.mapAsJavaMap(context.metricMap()).forEach((analyzer, metric) -> {
            if (metric.value().isSuccess()) {
                successful.put(analyzer, metric);
            }
        });
        AnalyzerContext computed = new AnalyzerContext(scala.collection.immutable.Map$.MODULE$
                .<Analyzer<?, Metric<?>>, Metric<?>>empty().$plus$plus(JavaConverters.mapAsScalaMap(successful)));
        List<AnalysisResult> results = new ArrayList<>(stored());
        results.removeIf(result -> result.resultKey().equals(key));
        results.add(new AnalysisResult(key, computed));
        results.sort(Comparator.comparingLong(result -> result.resultKey().dataSetDate()));
        List<AnalysisResult> kept = results.subList(Math.max(0, results.size() - keep), results.size());
        byte[] json = AnalysisResultSerde.serialize(JavaConverters.asScalaBuffer(kept).toSeq())
                .getBytes(StandardCharsets.UTF_8);
        FileSystemMetricsRepository$.MODULE$.writeToFileOnDfs(spark, path, out -> {
            try {
                out.write(json);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the metrics history " + path, e);
            }
            return BoxedUnit.UNIT;
        });
    }

    private List<AnalysisResult> stored() {
        Option<String> text = FileSystemMetricsRepository$.MODULE$.readFromFileOnDfs(spark, path, in -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the metrics history " + path, e);
            }
        });
        return text.isEmpty() ? List.of() : JavaConverters.seqAsJavaList(AnalysisResultSerde.deserialize(text.get()));
    }

    @Override
    public Option<AnalyzerContext> loadByKey(ResultKey key) {
        return files.loadByKey(key);
    }

    @Override
    public MetricsRepositoryMultipleResultsLoader load() {
        return files.load();
    }
}
