package io.eventlake.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationRunBuilder;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.MetricsRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The Java facade over Deequ: no Scala type leaves this package. A gate's rules become one Deequ check each, and
 * all of them are verified by one {@code VerificationSuite} run, so every metric of the gate (anomaly metrics
 * included) is computed in one scan of the data.
 */
public final class Gates {
    private Gates() {
    }

    /** Verifies {@code data} against every rule of {@code gate} in one pass, without history. */
    public static GateResult verify(Dataset<Row> data, Gate gate) {
        return verify(data, gate, Optional.empty());
    }

    /**
     * Verifies {@code data} against every rule of {@code gate} in one pass; with a {@code point}, anomaly rules
     * compare with the history before it and all the gate's metrics are saved at it (replacing what an earlier
     * attempt at the same point saved). An anomaly rule without history is not judged ({@link RuleVerdict.Status#NO_HISTORY}).
     */
    public static GateResult verify(Dataset<Row> data, Gate gate, Optional<HistoryPoint> point) {
        if (gate.isEmpty()) {
            return new GateResult(gate.table(), List.of());
        }
        SparkSession spark = data.sparkSession();
        Optional<MetricsRepository> repository = point.map(p -> p.history().repository(spark, gate.table()));
        Map<Integer, Check> checks = new HashMap<>();
        Map<Integer, RuleVerdict> unjudged = new HashMap<>();
        Map<Integer, Optional<Double>> previous = new HashMap<>();
        List<Analyzer<?, Metric<?>>> recordOnly = new ArrayList<>();
        for (int i = 0; i < gate.rules().size(); i++) {
            Rule rule = gate.rules().get(i);
            if (rule.constraint() instanceof Constraint.Anomaly anomaly) {
                Optional<Double> before = point.flatMap(p -> p.history().previous(spark, gate.table(), anomaly,
                        p.point()));
                previous.put(i, before);
                if (before.isEmpty()) {
                    unjudged.put(i, new RuleVerdict(rule, RuleVerdict.Status.NO_HISTORY, metricName(anomaly),
                            Optional.empty(), point.isEmpty() ? "no metrics history kept for this check"
                            : "no history yet: recorded, judged from the next check on"));
                    recordOnly.add(widen(MetricsHistory.analyzer(anomaly)));
                    continue;
                }
                checks.put(i, anomalyCheck(rule, anomaly, repository.orElseThrow(), gate.table(),
                        point.get().point()));
            } else {
                checks.put(i, check(rule));
            }
        }
        VerificationRunBuilder run = new VerificationSuite().onData(data)
                .addChecks(JavaConverters.asScalaBuffer(new ArrayList<>(checks.values())).toSeq());
        if (point.isPresent() && !recordOnly.isEmpty()) {
            run = run.addRequiredAnalyzers(JavaConverters.asScalaBuffer(recordOnly).toSeq());
        }
        VerificationResult result = point.isPresent()
                ? run.useRepository(repository.orElseThrow())
                .saveOrAppendResult(MetricsHistory.key(gate.table(), point.get().point())).run()
                : run.run();
        java.util.Map<Check, CheckResult> byCheck = JavaConverters.mapAsJavaMap(result.checkResults());
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < gate.rules().size(); i++) {
            if (unjudged.containsKey(i)) {
                verdicts.add(unjudged.get(i));
                continue;
            }
            verdicts.add(verdict(gate.rules().get(i), byCheck.get(checks.get(i)),
                    previous.getOrDefault(i, Optional.empty())));
        }
        return new GateResult(gate.table(), verdicts);
    }

    private static RuleVerdict verdict(Rule rule, CheckResult checkResult, Optional<Double> previous) {
        boolean passed = checkResult.status() == CheckStatus.Success();
        Optional<Double> metric = Optional.empty();
        String metricName = rule.constraint() instanceof Constraint.Anomaly a ? metricName(a) : "";
        String message = "";
        for (ConstraintResult constraint : JavaConverters.seqAsJavaList(checkResult.constraintResults())) {
            if (constraint.metric().isDefined()) {
                Metric<?> measured = constraint.metric().get();
                if (metricName.isEmpty()) {
                    metricName = measured.name() + "(" + measured.instance() + ")";
                }
                if (measured.value().isSuccess() && measured.value().get() instanceof Number number) {
                    metric = Optional.of(number.doubleValue());
                }
            }
            if (constraint.status() != ConstraintStatus.Success() && message.isEmpty()) {
                message = constraint.message().isDefined() ? constraint.message().get() : "failed";
            }
        }
        if (rule.constraint() instanceof Constraint.Anomaly && previous.isPresent()) {
            Optional<Double> current = metric;
            message = "previous " + previous.get() + current.map(c -> ", ratio " + String.format(
                    java.util.Locale.ROOT, "%.3f", c / previous.get())).orElse("");
        } else if (passed || metric.isPresent()) {
            message = ""; // the verdict's metric and requirement say it all
        }
        return new RuleVerdict(rule, passed ? RuleVerdict.Status.PASSED : RuleVerdict.Status.FAILED, metricName,
                metric, message);
    }

    private static String metricName(Constraint.Anomaly anomaly) {
        return anomaly.metric() == Constraint.Anomaly.Metric.ROW_COUNT ? "Size(*)"
                : "Completeness(" + anomaly.column() + ")";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Analyzer<?, Metric<?>> widen(Analyzer<?, Metric<Object>> analyzer) {
        return (Analyzer) analyzer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Check anomalyCheck(Rule rule, Constraint.Anomaly anomaly, MetricsRepository repository,
                                      String table, long point) {
        RelativeRateOfChangeStrategy strategy = new RelativeRateOfChangeStrategy(Option.apply(anomaly.minRatio()),
                anomaly.maxRatio() == Double.MAX_VALUE ? Option.empty() : Option.apply(anomaly.maxRatio()), 1);
        return emptyCheck(rule).isNewestPointNonAnomalous(repository, strategy, (Analyzer) MetricsHistory.analyzer(anomaly),
                MetricsHistory.tags(table), Option.empty(), Option.apply(point - 1), Option.apply(rule.name()));
    }

    private static Check emptyCheck(Rule rule) {
        return new Check(CheckLevel.Error(), rule.name(), JavaConverters.asScalaBuffer(
                new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
    }

    private static Check check(Rule rule) {
        Check check = emptyCheck(rule);
        Option<String> hint = Option.apply(rule.name());
        Constraint constraint = rule.constraint();
        if (constraint instanceof Constraint.Completeness c) {
            return check.hasCompleteness(c.column(), atLeast(c.atLeast()), hint, Option.empty());
        }
        if (constraint instanceof Constraint.Uniqueness u) {
            return check.hasUniqueness(JavaConverters.asScalaBuffer(u.columns()).toSeq(), atLeast(1.0), hint);
        }
        if (constraint instanceof Constraint.RowCount r) {
            return check.hasSize(value -> ((Number) value).longValue() >= r.atLeast()
                    && ((Number) value).longValue() <= r.atMost(), hint);
        }
        // row-level constraints: the share of rows meeting the condition must be 1
        String condition = constraint.rowCondition().orElseThrow();
        return check.satisfies(condition, rule.name(), atLeast(1.0), hint,
                scala.collection.immutable.List$.MODULE$.empty(), Option.empty());
    }

    private static Function1<Object, Object> atLeast(double bound) {
        return value -> ((Number) value).doubleValue() >= bound;
    }
}
