package io.eventlake.orchestration.runs;


import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Restoring tables to earlier versions with Delta's {@code RESTORE}, one commit per table tagged
 * {@code restore:<version>} (so incremental readers and gold refreshes continue from the restored state), inside
 * a recorded run. Idempotent: restoring a table to the version it already holds commits nothing new in content.
 */
public final class Rollback {
    private Rollback() {
    }

    /**
     * What was done to one table.
     *
     * @param table       the table
     * @param fromVersion its version before the rollback
     * @param toVersion   the version restored
     * @param newVersion  the version the restore committed
     */
    public record Restored(String table, long fromVersion, long toVersion, long newVersion) {
    }

    /** Restores table {@code name} to {@code version}. */
    public static Restored toVersion(SparkSession spark, LakeSettings settings, String name, long version) {
        TableLocation table = LakeTables.existing(spark, settings, name);
        LakeTables.checkVersion(spark, table, version);
        long from = DeltaCommits.currentVersion(spark, table);
        long restored = DeltaCommits.restore(spark, table, CommitTag.Restore.rollback(version));
        return new Restored(name, from, version, restored);
    }

    /**
     * Restores every table run {@code runId} wrote to the version it had before the run. Refuses (naming them)
     * when later runs wrote the same tables since, unless {@code cascade}: then those runs are undone too, and the
     * tables they wrote, transitively. {@code beforeRestore} gets the names of the tables about to be restored, once,
     * before the first restore (the command locks them there).
     */
    public static List<Restored> run(SparkSession spark, LakeSettings settings, String runId, boolean cascade,
                                     java.util.function.Consumer<Set<String>> beforeRestore) {
        List<Row> runs = LakeTables.runs(spark, settings).select(RunsTable.RUN_ID, RunsTable.OUTPUTS).collectAsList();
        Map<String, List<RunOutput>> outputsByRun = new LinkedHashMap<>();
        for (Row row : runs) {
            List<RunOutput> outputs = outputsByRun.computeIfAbsent(row.getString(0), r -> new ArrayList<>());
            for (Row output : row.<Row>getList(1)) {
                outputs.add(new RunOutput(output.getString(0), output.getLong(1), output.getLong(2)));
            }
        }
        if (!outputsByRun.containsKey(runId)) {
            throw LakeErrors.runMissing(runId, settings.runs().name());
        }
        Set<String> undone = new LinkedHashSet<>();
        Map<String, Long> restoreTo = new TreeMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(runId));
        while (!queue.isEmpty()) {
            String run = queue.poll();
            if (!undone.add(run)) {
                continue;
            }
            List<String> later = new ArrayList<>();
            for (RunOutput output : outputsByRun.getOrDefault(run, List.of())) {
                restoreTo.merge(output.table(), output.before(), Math::min);
                TableLocation table = LakeTables.existing(spark, settings, output.table());
                for (Map.Entry<Long, DeltaCommits.CommitInfo> commit : new TreeMap<>(DeltaCommits.commits(spark,
                        table)).entrySet()) {
                    String writer = commit.getValue().run().orElse("");
                    if (commit.getKey() > output.after() && !writer.equals(run) && !undone.contains(writer)) {
                        later.add(output.table() + " v" + commit.getKey() + " by run " + writer);
                        queue.add(writer);
                    }
                }
            }
            if (!later.isEmpty() && !cascade) {
                throw LakeErrors.rollbackRefused(runId, later.stream().distinct().toList());
            }
        }
        beforeRestore.accept(java.util.Collections.unmodifiableSet(restoreTo.keySet()));
        List<Restored> restored = new ArrayList<>();
        restoreTo.forEach((name, version) -> {
            TableLocation table = settings.tables().get(name);
            long from = DeltaCommits.currentVersion(spark, table);
            long now = DeltaCommits.restore(spark, table, CommitTag.Restore.rollbackOf(version, runId));
            restored.add(new Restored(name, from, version, now));
        });
        return restored;
    }

    /** Whether a streaming job writes {@code table} (its checkpoint is then past the versions undone). */
    public static boolean isStreamed(LakeSettings settings, String table) {
        return !table.equals(settings.gold().tables().dailyStoreSales().name())
                && !table.equals(settings.gold().tables().customerFeatures().name());
    }

}
