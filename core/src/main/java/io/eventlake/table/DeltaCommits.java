package io.eventlake.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Delta commits that say who made them and why. Every commit eventlake makes carries
 * {@code userMetadata = {"run":"<run id>","tag":"<tag>"}}: the run ({@link LakeRun}) and a {@link CommitTag} (a
 * micro-batch, a refresh's input versions, a restore, ...). This class writes and reads that envelope and
 * {@link CommitTag} the tag inside, so no other code parses commit metadata.
 */
public final class DeltaCommits {
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many of the newest commits {@link #writeTagged} looks through for its own (concurrent writers). */
    private static final int COMMIT_SEARCH_DEPTH = 100;

    private DeltaCommits() {
    }

    /** The {@code userMetadata} of a commit tagged {@code tag} by the current run. */
    public static String metadata(SparkSession spark, CommitTag tag) {
        ObjectNode node = JSON.createObjectNode();
        LakeRun.current(spark).ifPresent(run -> node.put("run", run));
        node.put("tag", tag.text());
        return node.toString();
    }

    /** The tag and run of a commit's {@code userMetadata}; empty for a commit eventlake did not make. */
    public static Optional<CommitInfo> parse(String userMetadata) {
        if (userMetadata == null) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(userMetadata);
            if (node == null || !node.isObject() || !node.has("tag")) {
                return Optional.empty();
            }
            return Optional.of(new CommitInfo(CommitTag.parse(node.get("tag").asText()),
                    node.has("run") ? Optional.of(node.get("run").asText()) : Optional.empty()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code write} (one Delta operation on {@code table}, e.g. a MERGE) with its commit tagged, then returns
     * the sum of the named operation metrics of that commit; 0 when the operation committed nothing.
     *
     * @param spark the session to tag in (a streaming micro-batch's own session, so tags never cross queries)
     */
    public static long writeTagged(SparkSession spark, TableLocation table, CommitTag tag, Consumer<DeltaTable> write,
                                   String... metrics) {
        Map<String, Long> committed = writeTagged(spark, table, tag, write);
        long sum = 0;
        for (String metric : metrics) {
            sum += committed.getOrDefault(metric, 0L);
        }
        return sum;
    }

    /**
     * Runs {@code write} with its commit tagged and returns the commit's operation metrics (e.g.
     * {@code numTargetRowsInserted}); empty when the operation committed nothing. The commit is found by its tag, so
     * commits other writers made to the table meanwhile are never mistaken for it.
     */
    public static Map<String, Long> writeTagged(SparkSession spark, TableLocation table, CommitTag tag,
                                                Consumer<DeltaTable> write) {
        DeltaTable target = DeltaTable.forPath(spark, table.path());
        String metadata = metadata(spark, tag);
        spark.conf().set(USER_METADATA, metadata);
        try {
            write.accept(target);
        } finally {
            spark.conf().unset(USER_METADATA);
        }
        // Other writers (e.g. the other silver jobs on the shared quarantine) may have committed since: find ours,
        // almost always the newest commit, so among a few first.
        List<Row> ours = List.of();
        for (int depth = 5; ours.isEmpty() && depth <= COMMIT_SEARCH_DEPTH; depth *= 20) {
            ours = target.history(depth).where(functions.col("userMetadata").equalTo(metadata))
                    .orderBy(functions.col("version").desc()).select("operationMetrics").limit(1).collectAsList();
        }
        if (ours.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> metrics = new TreeMap<>();
        ours.get(0).<String, String>getJavaMap(0).forEach((name, value) -> metrics.put(name, Long.parseLong(value)));
        return metrics;
    }

    /**
     * Restores the table to {@code restore.version()} in one commit tagged with {@code restore}, so readers of the
     * table's history (and {@link #effectiveVersion}) know which content it holds. Returns the restore's version.
     */
    public static long restore(SparkSession spark, TableLocation table, CommitTag.Restore restore) {
        writeTagged(spark, table, restore, target -> target.restoreToVersion(restore.version()));
        return currentVersion(spark, table);
    }

    /**
     * The newest commit whose tag {@code matches}, looking through restores: a commit a restore undid does not
     * count (the restored version's own tagged commit does). Empty when no commit has one.
     */
    public static Optional<Tagged> lastTagged(SparkSession spark, TableLocation table, Predicate<CommitTag> matches) {
        return lastTagged(spark, table, matches, Long.MAX_VALUE);
    }

    /** {@link #lastTagged(SparkSession, TableLocation, Predicate)} among the versions up to {@code upTo}. */
    public static Optional<Tagged> lastTagged(SparkSession spark, TableLocation table, Predicate<CommitTag> matches,
                                              long upTo) {
        // Newest first, in windows that grow: a table refreshed every minute for months has its last refresh
        // among its newest commits, and its whole history is read only when the answer is not there.
        for (int depth = FIRST_SEARCH_DEPTH; ; depth *= 10) {
            List<Row> rows = DeltaTable.forPath(spark, table.path()).history(depth).select("version", "userMetadata")
                    .collectAsList();
            Map<Long, CommitInfo> commits = new HashMap<>();
            long oldest = Long.MAX_VALUE;
            long newestVersion = -1;
            for (Row row : rows) {
                oldest = Math.min(oldest, row.getLong(0));
                newestVersion = Math.max(newestVersion, row.getLong(0));
                parse(row.getString(1)).ifPresent(info -> commits.put(row.getLong(0), info));
            }
            boolean whole = rows.size() < depth || oldest == 0;
            Optional<Optional<Tagged>> found = search(commits, Math.min(upTo, newestVersion), whole ? 0 : oldest,
                    matches);
            if (found.isPresent()) {
                return found.get();
            }
            if (whole) {
                return Optional.empty();
            }
        }
    }

    /** How many of the newest commits {@link #lastTagged} reads first. */
    private static final int FIRST_SEARCH_DEPTH = 20;

    /**
     * The newest tagged commit matching, from {@code newest} down to {@code oldest}, following restores; empty
     * (outer) when the search leaves the commits read (the answer is older), empty (inner) when there is none.
     */
    private static Optional<Optional<Tagged>> search(Map<Long, CommitInfo> commits, long newest, long oldest,
                                                     Predicate<CommitTag> matches) {
        for (long version = newest; version >= 0; version--) {
            if (version < oldest) {
                return Optional.empty();
            }
            CommitInfo info = commits.get(version);
            if (info == null) {
                continue;
            }
            Optional<Long> restored = info.restoredVersion();
            if (restored.isPresent()) {
                version = restored.get() + 1; // continue at the restored version
                continue;
            }
            if (matches.test(info.tag())) {
                return Optional.of(Optional.of(new Tagged(version, info.tag())));
            }
        }
        return Optional.of(Optional.empty());
    }

    /** The tag of the table's newest commit; empty when eventlake did not make it. */
    public static Optional<CommitTag> lastCommitTag(SparkSession spark, TableLocation table) {
        Row last = DeltaTable.forPath(spark, table.path()).history(1).select("userMetadata").first();
        return parse(last.getString(0)).map(CommitInfo::tag);
    }

    /** The version of the table now. */
    public static long currentVersion(SparkSession spark, TableLocation table) {
        return DeltaTable.forPath(spark, table.path()).history(1).select("version").first().getLong(0);
    }

    /**
     * The version whose content {@code version} holds: itself, or for a restore the version it restored
     * (followed through chains of restores).
     */
    public static long effectiveVersion(SparkSession spark, TableLocation table, long version) {
        Map<Long, CommitInfo> commits = commits(spark, table);
        long effective = version;
        while (commits.containsKey(effective) && commits.get(effective).restoredVersion().isPresent()) {
            effective = commits.get(effective).restoredVersion().get();
        }
        return effective;
    }

    /** {@link #effectiveVersion} of the table's current version; reads the whole history only after a restore. */
    public static long effectiveCurrentVersion(SparkSession spark, TableLocation table) {
        Row last = DeltaTable.forPath(spark, table.path()).history(1).select("version", "userMetadata").first();
        boolean restore = parse(last.getString(1)).flatMap(CommitInfo::restoredVersion).isPresent();
        return restore ? effectiveVersion(spark, table, last.getLong(0)) : last.getLong(0);
    }

    /** Every commit eventlake made to the table, by version. */
    public static Map<Long, CommitInfo> commits(SparkSession spark, TableLocation table) {
        List<Row> rows = DeltaTable.forPath(spark, table.path()).history()
                .where(functions.col("userMetadata").isNotNull()).select("version", "userMetadata").collectAsList();
        Map<Long, CommitInfo> commits = new HashMap<>();
        for (Row row : rows) {
            parse(row.getString(1)).ifPresent(info -> commits.put(row.getLong(0), info));
        }
        return commits;
    }

    /**
     * A tagged commit.
     *
     * @param version the commit's table version
     * @param tag     its tag
     */
    public record Tagged(long version, CommitTag tag) {
    }

    /**
     * What an eventlake commit says of itself.
     *
     * @param tag the commit's tag
     * @param run the run that made it, when it was made in one
     */
    public record CommitInfo(CommitTag tag, Optional<String> run) {
        /** For a restore, the version restored. */
        public Optional<Long> restoredVersion() {
            return tag instanceof CommitTag.Restore restore ? Optional.of(restore.version()) : Optional.empty();
        }
    }
}
