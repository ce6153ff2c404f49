package io.eventlake.devtools.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.GateResult;
import io.eventlake.quality.Gates;
import io.eventlake.quality.Rule;
import io.eventlake.silver.fact.SilverPaymentsTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code lake bench quality}: the configured gate of {@code silver.payments} (all its rules, one Deequ run) against
 * one plain {@code agg} computing the same measures over the same columns, on the same Delta table of payments.
 * Prints both times (median of the rounds after a warm-up) and the ratio gate / plain.
 */
public final class QualityBenchmark {
    private final long rows;
    private final int rounds;

    public QualityBenchmark(long rows, int rounds) {
        this.rows = rows;
        this.rounds = rounds;
    }

    public void run(LakeSettings settings, Function<LakeSettings, SparkSession> sessions, PrintWriter out) {
        Path root = settings.localDir("bench-quality");
        LocalDirs.deleteRecursively(root);
        SparkSession spark = sessions.apply(settings.withLakeRoot(root.toString()));
        Gate gate = settings.qualityGates().gate(settings.silver().tables().payments().name());
        if (gate.isEmpty()) {
            out.println("silver.payments has no quality rules (conf/quality/silver.payments.conf): nothing to measure");
            out.flush();
            return;
        }
        String path = root.resolve("payments").toString();
        spark.range(rows).select(
                        concat(lit("P-"), col("id").cast("string")).as(SilverPaymentsTable.PAYMENT_ID),
                        concat(lit("O-"), (col("id").divide(2)).cast("long").cast("string")).as(SilverPaymentsTable.ORDER_ID),
                        col("id").mod(800).plus(5).cast(DataTypes.createDecimalType(12, 2)).as(SilverPaymentsTable.AMOUNT),
                        element_at(expr("array('EUR', 'USD', 'GBP')"), col("id").mod(3).plus(1).cast("int"))
                                .as(SilverPaymentsTable.CURRENCY),
                        element_at(expr("array('CARD', 'CASH', 'GIFT_CARD', 'WALLET', 'CHEQUE')"),
                                col("id").mod(5).plus(1).cast("int")).as(SilverPaymentsTable.METHOD))
                .write().format("delta").save(path);
        Dataset<Row> data = spark.read().format("delta").load(path);
        Column[] plain = plainMeasures(gate).toArray(Column[]::new);
        out.printf("bench quality: gate of silver.payments (%d rules: %s) vs one plain agg, %,d rows, %d rounds%n",
                gate.rules().size(), String.join(", ", gate.rules().stream().map(Rule::name).toList()), rows, rounds);
        GateResult warm = Gates.verify(data, gate);
        data.agg(plain[0], Arrays.copyOfRange(plain, 1, plain.length)).collect();
        double[] gateSeconds = new double[rounds];
        double[] plainSeconds = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            Gates.verify(data, gate);
            gateSeconds[i] = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            data.agg(plain[0], Arrays.copyOfRange(plain, 1, plain.length)).collect();
            plainSeconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double gateMedian = median(gateSeconds);
        double plainMedian = median(plainSeconds);
        out.printf("  verdicts: %s%n", warm.summary());
        out.printf("  gate (Deequ, one verification run) %8.2f s%n", gateMedian);
        out.printf("  plain agg (same measures)          %8.2f s%n", plainMedian);
        out.printf("  ratio gate / plain                 %8.2f%n", gateMedian / plainMedian);
        out.flush();
    }

    /** The measures of the gate's rules as plain aggregate columns. */
    static List<Column> plainMeasures(Gate gate) {
        List<Column> measures = new ArrayList<>(List.of(count(lit(1)).as("rows")));
        for (Rule rule : gate.rules()) {
            Constraint c = rule.constraint();
            if (c instanceof Constraint.Completeness completeness) {
                measures.add(count(col(completeness.column())).as(rule.name()));
            } else if (c instanceof Constraint.Uniqueness unique) {
                measures.add(countDistinct(col(unique.columns().get(0)), unique.columns().subList(1,
                        unique.columns().size()).stream().map(x -> col(x)).toArray(Column[]::new)).as(rule.name()));
            } else if (c.rowCondition().isPresent()) {
                measures.add(sum(when(expr(c.rowCondition().get()), 1).otherwise(0)).as(rule.name()));
            }
        }
        return measures;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
