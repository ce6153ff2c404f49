package io.eventlake.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.checks.CheckStatus;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The Java facade over Deequ: no Scala type leaves this class. A gate's rules become one Deequ check each, and all
 * of them are verified by one {@code VerificationSuite} run, so every metric of the gate is computed in one scan.
 */
public final class Gates {
    private Gates() {
    }

    /** Verifies {@code data} against every rule of {@code gate} in one pass. */
    public static GateResult verify(Dataset<Row> data, Gate gate) {
        List<Check> checks = new ArrayList<>();
        for (Rule rule : gate.rules()) {
            checks.add(check(rule));
        }
        VerificationResult result = new VerificationSuite().onData(data)
                .addChecks(JavaConverters.asScalaBuffer(checks).toSeq())
                .run();
        java.util.Map<Check, CheckResult> byCheck = JavaConverters.mapAsJavaMap(result.checkResults());
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckResult checkResult = byCheck.get(checks.get(i));
            boolean passed = checkResult.status() == CheckStatus.Success();
            Optional<Double> metric = Optional.empty();
            String message = "";
            for (ConstraintResult constraint : JavaConverters.seqAsJavaList(checkResult.constraintResults())) {
                Optional<Double> value = metricOf(constraint);
                if (metric.isEmpty() || constraint.status() != ConstraintStatus.Success()) {
                    metric = value.isPresent() ? value : metric;
                }
                if (constraint.status() != ConstraintStatus.Success() && message.isEmpty()) {
                    message = constraint.message().isDefined() ? constraint.message().get() : "failed";
                }
            }
            verdicts.add(new RuleVerdict(gate.rules().get(i), passed, metric, message));
        }
        return new GateResult(gate.table(), verdicts);
    }

    private static Optional<Double> metricOf(ConstraintResult constraint) {
        if (constraint.metric().isEmpty() || constraint.metric().get().value().isFailure()) {
            return Optional.empty();
        }
        Object value = constraint.metric().get().value().get();
        return value instanceof Number number ? Optional.of(number.doubleValue()) : Optional.empty();
    }

    private static Check check(Rule rule) {
        Check check = new Check(CheckLevel.Error(), rule.name(), JavaConverters.asScalaBuffer(
                new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
        Option<String> hint = Option.apply(rule.name());
        if (rule.constraint() instanceof Constraint.Completeness c) {
            return check.hasCompleteness(c.column(), atLeast(c.atLeast()), hint, Option.empty());
        }
        if (rule.constraint() instanceof Constraint.Uniqueness u) {
            return check.isUnique(u.column(), hint, Option.empty());
        }
        if (rule.constraint() instanceof Constraint.Range r) {
            return check.hasMin(r.column(), atLeast(r.min()), hint, Option.empty())
                    .hasMax(r.column(), atMost(r.max()), hint, Option.empty());
        }
        if (rule.constraint() instanceof Constraint.AllowedValues a) {
            return check.isContainedIn(a.column(), a.values().toArray(String[]::new), hint);
        }
        Constraint.MinRows m = (Constraint.MinRows) rule.constraint();
        return check.hasSize(atLeast(m.atLeast()), hint);
    }

    private static Function1<Object, Object> atLeast(double bound) {
        return value -> ((Number) value).doubleValue() >= bound;
    }

    private static Function1<Object, Object> atMost(double bound) {
        return value -> ((Number) value).doubleValue() <= bound;
    }
}
