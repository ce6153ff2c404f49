package io.eventlake.devtools.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.eventlake.quality.GateResultsTable;
import io.eventlake.quality.RuleVerdict;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the quality gates did, for the demo: verdicts per rule, and the rows quarantined by a rule. */
final class QualityReport {
    private QualityReport() {
    }

    /** One line per guarded table and rule: level, checks passed and failed. */
    static String verdicts(SparkSession spark, TableLocation results) {
        if (!DeltaTables.exists(spark, results)) {
            return "     (no gate checked anything)\n";
        }
        StringBuilder out = new StringBuilder();
        Column failed = col(GateResultsTable.VERDICT).equalTo(RuleVerdict.Status.FAILED.text());
        for (Row row : spark.read().format("delta").load(results.path())
                .groupBy(GateResultsTable.TABLE_NAME, GateResultsTable.RULE, GateResultsTable.LEVEL)
                .agg(count(when(not(failed), lit(1))).as("passed"), count(when(failed, lit(1))).as("failed"))
                .orderBy(GateResultsTable.TABLE_NAME, GateResultsTable.RULE).collectAsList()) {
            out.append(String.format("     %-25s %-32s %-10s %3d checks passed, %d failed%n", row.getString(0),
                    row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)));
        }
        return out.toString();
    }

    /** The silver quarantine rows a quality rule sent there, with the rules' names. */
    static String quarantinedByRules(SparkSession spark, TableLocation quarantine) {
        StringBuilder out = new StringBuilder();
        for (Row row : spark.read().format("delta").load(quarantine.path())
                .where(exists(col(SilverQuarantineTable.REASONS), r -> r.startsWith("quality:")))
                .select(SilverQuarantineTable.EVENT_ID, SilverQuarantineTable.TARGET_TABLE,
                        SilverQuarantineTable.REASONS)
                .collectAsList()) {
            out.append(String.format("     %s -> %s, reasons %s%n", row.getString(1), row.getString(0),
                    row.getList(2)));
        }
        return out.length() == 0 ? "     (none)\n" : out.toString();
    }
}
