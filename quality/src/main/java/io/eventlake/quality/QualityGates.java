package io.eventlake.quality;

import io.eventlake.errors.LakeErrors;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.LakeRun;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The gates of every table, where their metrics history lives, and where verdicts are recorded: what a layer is
 * given to check its writes. Checking a batch ({@link #check}) or auditing a written version ({@link #audit})
 * verifies the table's gate in one Deequ run, saves all its metrics to the table's metrics history (at the point
 * of the version the data becomes) and appends one row per rule to {@link GateResultsTable}.
 *
 * @param gates   by table name; a table without an entry has no rules
 * @param history the metrics history (anomaly rules compare with it)
 * @param results the {@code quality.gate_results} table
 */
public record QualityGates(Map<String, Gate> gates, MetricsHistory history, TableLocation results) {
    /** How many past versions seed the history of a table that has none. */
    public static final int SEED_VERSIONS = 5;

    public QualityGates {
        gates = Map.copyOf(gates);
    }

    /** No rules anywhere (tests of a layer's own logic); verdicts would go to {@code results}. */
    public static QualityGates none(MetricsHistory history, TableLocation results) {
        return new QualityGates(Map.of(), history, results);
    }

    /** This gates with {@code gate} in place of the table's rules. */
    public QualityGates with(Gate gate) {
        Map<String, Gate> changed = new LinkedHashMap<>(gates);
        changed.put(gate.table(), gate);
        return new QualityGates(changed, history, results);
    }

    /** The rules of {@code table}; none when it has no entry. */
    public Gate gate(String table) {
        return gates.getOrDefault(table, Gate.none(table));
    }

    /** Creates the results table when missing (call once, before jobs run concurrently). */
    public void ensureResultsTable(SparkSession spark) {
        DeltaTables.ensure(spark, results, GateResultsTable.SCHEMA, GateResultsTable.LAYOUT);
    }

    /**
     * Checks a streaming micro-batch about to be written to {@code table}: verifies, records, and throws
     * {@code GATE_BLOCKED} when a block rule failed (before anything is written, so the checkpoint does not
     * advance). Returns the result so the caller can quarantine rows and record the version written.
     */
    public GateResult check(Dataset<Row> batch, TableLocation table, long batchId) {
        Gate gate = gate(table.name());
        if (gate.isEmpty()) {
            return new GateResult(table.name(), List.of());
        }
        SparkSession spark = batch.sparkSession();
        GateResult result = Gates.verify(batch, gate, Optional.of(nextPoint(spark, table, gate, true)));
        if (result.blocks()) {
            record(spark, result, null, batchId, "write blocked");
            throw LakeErrors.gateBlocked(table.name(), "micro-batch " + batchId,
                    result.failed(Level.BLOCK).stream().map(RuleVerdict::describe).toList());
        }
        return result;
    }

    /**
     * Verifies the rows a backfill rebuilt for {@code table} (a range, not a micro-batch) against the gate's rules,
     * anomaly rules left unjudged (their history compares micro-batches); records nothing, so a dry run can show
     * the verdicts. {@link #refuseIfBlocked} before writing, {@link #recordPassed(SparkSession, GateResult, Long)}
     * after.
     */
    public GateResult verifyRange(Dataset<Row> rows, TableLocation table) {
        Gate gate = gate(table.name());
        return gate.isEmpty() ? new GateResult(table.name(), List.of()) : Gates.verify(rows, gate, Optional.empty());
    }

    /**
     * Throws {@code GATE_BLOCKED} (after recording the verdicts) when a block rule of {@link #verifyRange}'s
     * {@code result} failed; {@code what} names the rows (e.g. {@code [2026-11-01T00:00:00Z, ...)}).
     */
    public void refuseIfBlocked(SparkSession spark, GateResult result, String what) {
        if (result.blocks()) {
            record(spark, result, null, null, "write blocked");
            throw LakeErrors.backfillBlocked(result.table(), what,
                    result.failed(Level.BLOCK).stream().map(RuleVerdict::describe).toList());
        }
    }

    /**
     * Write-audit-publish: audits version {@code written} of {@code table} (read by time travel) against its gate.
     * When a block rule fails, restores the table to {@code before} (the version readers saw), records the bad
     * version's verdicts and throws {@code AUDIT_FAILED}. Nothing to do when nothing was written.
     *
     * @return the verdicts; empty when the table has no rules or nothing was written
     */
    public Optional<GateResult> audit(SparkSession spark, TableLocation table, long before, long written) {
        Gate gate = gate(table.name());
        if (gate.isEmpty() || written == before) {
            return Optional.empty();
        }
        Dataset<Row> version = spark.read().format("delta").option("versionAsOf", written).load(table.path());
        long effective = DeltaCommits.effectiveVersion(spark, table, before);
        seedIfEmpty(spark, table, gate, effective, false);
        GateResult result = Gates.verify(version, gate, Optional.of(new HistoryPoint(history, effective + 1)));
        if (!result.blocks()) {
            record(spark, result, written, null, "none");
            return Optional.of(result);
        }
        List<String> failures = result.failed(Level.BLOCK).stream().map(RuleVerdict::describe).toList();
        long restore = DeltaCommits.restore(spark, table, CommitTag.Restore.afterFailedAudit(before, written,
                result.failed(Level.BLOCK).stream().map(v -> v.rule().name()).toList()));
        record(spark, result, written, null, "restored to v" + before);
        throw LakeErrors.auditFailed(table.name(), written, before, restore, failures);
    }

    /**
     * Records the verdicts of a check that let its batch through.
     *
     * @param tableVersion the version the batch wrote; null when it wrote none
     */
    public void recordPassed(SparkSession spark, GateResult result, Long tableVersion, long batchId) {
        if (!result.verdicts().isEmpty()) {
            record(spark, result, tableVersion, batchId, "none");
        }
    }

    /** Records the verdicts of a {@link #verifyRange} that let its rows through ({@code tableVersion} written). */
    public void recordPassed(SparkSession spark, GateResult result, Long tableVersion) {
        if (!result.verdicts().isEmpty()) {
            record(spark, result, tableVersion, null, "none");
        }
    }

    private HistoryPoint nextPoint(SparkSession spark, TableLocation table, Gate gate, boolean changes) {
        long effective = DeltaCommits.effectiveCurrentVersion(spark, table);
        seedIfEmpty(spark, table, gate, effective, changes);
        return new HistoryPoint(history, effective + 1);
    }

    /**
     * Seeds an empty history from the table's last {@link #SEED_VERSIONS} versions up to {@code upTo} (time
     * travel): whole versions for audits, the rows each version added ({@code changes}, via the change feed) for
     * micro-batch checks. A new gate on an old table so compares with real history from its first check.
     */
    private void seedIfEmpty(SparkSession spark, TableLocation table, Gate gate, long upTo, boolean changes) {
        List<Constraint.Anomaly> anomalies = gate.rules().stream().map(Rule::constraint)
                .filter(c -> c instanceof Constraint.Anomaly).map(c -> (Constraint.Anomaly) c).toList();
        if (anomalies.isEmpty() || history.holds(table.name())) {
            return;
        }
        if (!history.values(spark, table.name(), anomalies.get(0), upTo + 2).isEmpty()) {
            history.markHeld(table.name());
            return;
        }
        Map<Long, DeltaCommits.CommitInfo> commits = DeltaCommits.commits(spark, table);
        Map<Long, Dataset<Row>> versions = new LinkedHashMap<>();
        for (long v = upTo; v >= 1 && versions.size() < SEED_VERSIONS; v--) {
            DeltaCommits.CommitInfo info = commits.get(v);
            if (info != null && info.restoredVersion().isPresent()) {
                continue;
            }
            Dataset<Row> data = changes
                    ? spark.read().format("delta").option("readChangeFeed", "true").option("startingVersion", v)
                    .option("endingVersion", v).load(table.path()).where("_change_type = 'insert'")
                    .drop("_change_type", "_commit_version", "_commit_timestamp")
                    : spark.read().format("delta").option("versionAsOf", v).load(table.path());
            versions.put(v, data);
        }
        history.seed(spark, table.name(), anomalies, versions);
        history.markHeld(table.name());
    }

    private void record(SparkSession spark, GateResult result, Long tableVersion, Long batchId,
                        String blockAction) {
        String run = LakeRun.current(spark).orElse(null);
        Timestamp now = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (RuleVerdict verdict : result.verdicts()) {
            String level = verdict.rule().level().name().toLowerCase(Locale.ROOT);
            rows.add(RowFactory.create(result.table(), tableVersion, run, batchId, verdict.rule().name(), level,
                    verdict.rule().constraint().describe(), verdict.metricName(), verdict.metric().orElse(null),
                    verdict.status().text(), verdict.passed() ? "none"
                            : switch (verdict.rule().level()) {
                                case WARN -> "recorded";
                                case QUARANTINE -> "rows quarantined";
                                case BLOCK -> blockAction;
                            },
                    verdict.message(), now));
        }
        spark.createDataFrame(rows, GateResultsTable.SCHEMA).write().format("delta").mode("append")
                .option("userMetadata", DeltaCommits.metadata(spark, new CommitTag.GateResults(result.table())))
                .save(results.path());
    }
}
