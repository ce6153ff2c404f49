package io.eventlake.table;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Delta operations as one commit tagged with a {@code userMetadata} string (a micro-batch's
 * {@code <query id>/<batch id>}, a refresh's input versions), and what the last tagged commit did or recorded.
 */
public final class DeltaCommits {
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private DeltaCommits() {
    }

    /**
     * Runs {@code write} (one Delta operation on {@code table}, e.g. a MERGE) with its commit tagged, then returns
     * the sum of the named operation metrics of that commit; 0 when the operation committed nothing.
     *
     * @param spark the session to tag in (a streaming micro-batch's own session, so tags never cross queries)
     */
    public static long writeTagged(SparkSession spark, TableLocation table, String tag, Consumer<DeltaTable> write,
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
     * {@code numTargetRowsInserted}); empty when the operation committed nothing.
     */
    public static Map<String, Long> writeTagged(SparkSession spark, TableLocation table, String tag,
                                                Consumer<DeltaTable> write) {
        DeltaTable target = DeltaTable.forPath(spark, table.path());
        spark.conf().set(USER_METADATA, tag);
        try {
            write.accept(target);
        } finally {
            spark.conf().unset(USER_METADATA);
        }
        Row last = target.history(1).select("userMetadata", "operationMetrics").first();
        if (!tag.equals(last.getString(0))) {
            return Map.of();
        }
        Map<String, Long> metrics = new TreeMap<>();
        last.<String, String>getJavaMap(1).forEach((name, value) -> metrics.put(name, Long.parseLong(value)));
        return metrics;
    }

    /** The micro-batch tag {@code <query id>/<batch id>}, as {@link DeltaTables#appendOnce} writes it. */
    public static String batchTag(String appId, long batchId) {
        return appId + "/" + batchId;
    }

    /**
     * The {@code userMetadata} of the newest commit whose metadata starts with {@code prefix}, and its version;
     * empty when no commit has one.
     */
    public static Optional<Tagged> lastTagged(SparkSession spark, TableLocation table, String prefix) {
        List<Row> rows = DeltaTable.forPath(spark, table.path()).history()
                .where(functions.col("userMetadata").startsWith(prefix))
                .orderBy(functions.col("version").desc())
                .select("version", "userMetadata").limit(1).collectAsList();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Tagged(rows.get(0).getLong(0), rows.get(0).getString(1)));
    }

    /** The {@code userMetadata} of the table's newest commit; empty when it has none. */
    public static Optional<String> lastCommitTag(SparkSession spark, TableLocation table) {
        Row last = DeltaTable.forPath(spark, table.path()).history(1).select("userMetadata").first();
        return Optional.ofNullable(last.getString(0));
    }

    /** The version of the table now. */
    public static long currentVersion(SparkSession spark, TableLocation table) {
        return DeltaTable.forPath(spark, table.path()).history(1).select("version").first().getLong(0);
    }

    /**
     * A tagged commit.
     *
     * @param version      the commit's table version
     * @param userMetadata its tag
     */
    public record Tagged(long version, String userMetadata) {
    }
}
