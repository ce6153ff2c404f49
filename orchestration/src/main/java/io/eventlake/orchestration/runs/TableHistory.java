package io.eventlake.orchestration.runs;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.quality.RuleVerdict;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** {@code lake history <table>}: a table's versions with the run that wrote each, rows changed and gate verdict. */
public final class TableHistory {
    private TableHistory() {
    }

    /**
     * One version of a table.
     *
     * @param version   the Delta version
     * @param time      when it was committed
     * @param operation Delta's operation (WRITE, MERGE, RESTORE, ...)
     * @param run       the run that wrote it; empty when eventlake did not
     * @param rows      rows inserted, updated or deleted
     * @param gate      the verdict of its quality check: passed, failed with the rules, or what a restore restored
     */
    public record Entry(long version, Timestamp time, String operation, String run, long rows, String gate) {
    }

    /** The newest {@code limit} versions of table {@code name}, newest first. */
    public static List<Entry> of(SparkSession spark, LakeSettings settings, String name, int limit) {
        TableLocation table = LakeTables.existing(spark, settings, name);
        Map<Long, String> gates = gates(spark, settings, name);
        List<Entry> entries = new ArrayList<>();
        for (Row row : DeltaTable.forPath(spark, table.path()).history(limit)
                .select("version", "timestamp", "operation", "userMetadata", "operationMetrics").collectAsList()) {
            long version = row.getLong(0);
            DeltaCommits.CommitInfo info = DeltaCommits.parse(row.getString(3)).orElse(null);
            String gate = gates.getOrDefault(version, "");
            if (info != null && info.restoredVersion().isPresent()) {
                gate = "restores v" + info.restoredVersion().get() + " (" + info.tag().text() + ")";
            }
            Map<String, String> metrics = row.isNullAt(4) ? Map.of() : row.getJavaMap(4);
            entries.add(new Entry(version, row.getTimestamp(1), row.getString(2),
                    info == null ? "" : info.run().orElse(""), rowsChanged(metrics), gate));
        }
        return entries;
    }

    /** Rows a commit inserted, updated or deleted (a MERGE), or wrote (an append), from its operation metrics. */
    static long rowsChanged(Map<String, String> metrics) {
        long sum = 0;
        boolean merge = false;
        for (String key : List.of("numTargetRowsInserted", "numTargetRowsUpdated", "numTargetRowsDeleted")) {
            if (metrics.containsKey(key)) {
                merge = true;
                sum += Long.parseLong(metrics.get(key));
            }
        }
        return merge ? sum : Long.parseLong(metrics.getOrDefault("numOutputRows", "0"));
    }

    /** Per version of the table: {@code passed}, or {@code failed: rule, rule}, from the gate results. */
    private static Map<Long, String> gates(SparkSession spark, LakeSettings settings, String name) {
        TableLocation results = settings.qualityGates().results();
        Map<Long, String> gates = new HashMap<>();
        if (!DeltaTables.exists(spark, results)) {
            return gates;
        }
        Map<Long, TreeSet<String>> failed = new HashMap<>();
        for (Row row : spark.read().format("delta").load(results.path())
                .where(col(GateResultsTable.TABLE_NAME).equalTo(name).and(col(GateResultsTable.TABLE_VERSION)
                        .isNotNull()))
                .select(GateResultsTable.TABLE_VERSION, GateResultsTable.RULE, GateResultsTable.VERDICT)
                .collectAsList()) {
            TreeSet<String> rules = failed.computeIfAbsent(row.getLong(0), v -> new TreeSet<>());
            if (RuleVerdict.Status.of(row.getString(2)) == RuleVerdict.Status.FAILED) {
                rules.add(row.getString(1));
            }
        }
        failed.forEach((version, rules) -> gates.put(version, rules.isEmpty() ? "passed"
                : "failed: " + String.join(", ", rules)));
        return gates;
    }

    /** The entries as an aligned text table. */
    public static String render(List<Entry> entries) {
        StringBuilder out = new StringBuilder(String.format("%-7s  %-19s  %-17s  %-36s  %8s  %s%n", "version", "time",
                "operation", "run", "rows", "gate"));
        for (Entry e : entries) {
            out.append(String.format("%-7d  %-19s  %-17s  %-36s  %8d  %s%n", e.version(),
                    e.time().toInstant().toString().substring(0, 19).replace('T', ' '), e.operation(), e.run(),
                    e.rows(), e.gate()));
        }
        return out.toString();
    }

}
