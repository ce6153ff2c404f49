package io.eventlake.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Row-level judgement of a gate's {@link Level#QUARANTINE} rules: which rules each row breaks. */
public final class RowChecks {
    /** The column listing the names of the quarantine rules a row breaks (empty: none). */
    public static final String BROKEN_RULES = "_broken_rules";

    private RowChecks() {
    }

    /** {@code data} with {@link #BROKEN_RULES}: the names of {@code gate}'s quarantine rules each row breaks. */
    public static Dataset<Row> withBrokenRules(Dataset<Row> data, Gate gate) {
        List<Rule> rules = gate.quarantineRules();
        if (rules.isEmpty()) {
            return data.withColumn(BROKEN_RULES, array().cast("array<string>"));
        }
        Column[] broken = rules.stream()
                .map(r -> when(not(expr(r.constraint().rowCondition().orElseThrow())), lit(r.name())))
                .toArray(Column[]::new);
        return data.withColumn(BROKEN_RULES, array_compact(array(broken)));
    }

    /** The rows that break no quarantine rule, without the {@link #BROKEN_RULES} column. */
    public static Dataset<Row> passing(Dataset<Row> judged) {
        return judged.where(expr("size(" + BROKEN_RULES + ") = 0")).drop(BROKEN_RULES);
    }

    /** The rows that break at least one quarantine rule, with {@link #BROKEN_RULES}. */
    public static Dataset<Row> failing(Dataset<Row> judged) {
        return judged.where(expr("size(" + BROKEN_RULES + ") > 0"));
    }
}
