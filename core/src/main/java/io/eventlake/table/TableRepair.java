package io.eventlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaConcurrentModificationException;
import org.apache.spark.storage.StorageLevel;

/**
 * Brings a part of a table (its <em>scope</em>, e.g. the rows of an event-time range) to the rows it should hold,
 * changing only the rows that differ: describe first ({@link #plan}: what would be inserted, updated and deleted,
 * by partition, nothing written), then apply the plan in one MERGE ({@link Plan#apply}).
 *
 * <p>Idempotent: a second repair finds nothing to change. Safe beside other writers of the table: the plan is
 * computed from the table's rows as they were <em>before</em> the desired rows were read (the caller reads the
 * scope first), so a row another writer added meanwhile is never taken for one to delete; the MERGE inserts only
 * keys the table still lacks; and Delta's conflict detection turns an overlapping concurrent commit into a retry
 * ({@link #retryingConflicts}) of the whole plan.
 */
public final class TableRepair {
    /** The change column of a plan's rows. */
    public static final String OP = "_repair_op";
    private static final String INSERT = "insert";
    private static final String UPDATE = "update";
    private static final String DELETE = "delete";
    /** How often a repair (or a micro-batch write) is tried again after a concurrent commit conflicted. */
    public static final int CONFLICT_ATTEMPTS = 5;

    private TableRepair() {
    }

    /**
     * What a repair would change.
     *
     * @param table     the table
     * @param changes   the rows to write: the desired columns and {@link #OP} (persisted; {@link #close} frees)
     * @param inserted  rows the table lacks
     * @param updated   rows whose compared columns differ
     * @param deleted   rows of the scope that should not be there
     * @param partitions the values of the partition column the changes touch, in order (empty when unpartitioned)
     */
    public record Plan(TableLocation table, Dataset<Row> changes, List<String> key, long inserted, long updated,
                       long deleted, List<String> partitions) implements AutoCloseable {
        /** Whether the repair changes nothing. */
        public boolean isEmpty() {
            return inserted + updated + deleted == 0;
        }

        /**
         * Applies the plan in one MERGE tagged {@code tag} (nothing when it is empty) and returns the commit's
         * metrics.
         *
         * @param targetScope a SQL predicate over the target ({@code t.}) narrowing the files the MERGE reads
         *                    (e.g. its partitions); empty for the whole table
         */
        public Map<String, Long> apply(SparkSession spark, CommitTag tag, Optional<String> targetScope) {
            if (isEmpty()) {
                return Map.of();
            }
            String[] columns = Arrays.stream(changes.columns()).filter(c -> !c.equals(OP)).toArray(String[]::new);
            Map<String, String> values = new LinkedHashMap<>();
            for (String c : columns) {
                values.put(quote(c), "s." + quote(c));
            }
            String condition = key.stream().map(k -> "t." + quote(k) + " <=> s." + quote(k))
                    .collect(Collectors.joining(" AND ")) + targetScope.map(s -> " AND " + s).orElse("");
            return DeltaCommits.writeTagged(spark, table, tag, target -> target.as("t")
                    .merge(changes.as("s"), condition)
                    .whenMatched("s." + OP + " = '" + DELETE + "'").delete()
                    .whenMatched("s." + OP + " = '" + UPDATE + "'").updateExpr(values)
                    .whenNotMatched("s." + OP + " = '" + INSERT + "'").insertExpr(values)
                    .execute());
        }

        @Override
        public void close() {
            changes.unpersist(false);
        }

        @Override
        public String toString() {
            return String.format("%s: %d rows inserted, %d updated, %d deleted%s", table.name(), inserted, updated,
                    deleted, partitions.isEmpty() ? "" : " in " + partitions.size() + " partitions "
                            + summary(partitions));
        }

        private static String summary(List<String> partitions) {
            return partitions.size() <= 6 ? String.join(", ", partitions)
                    : String.join(", ", partitions.subList(0, 3)) + " ... "
                    + String.join(", ", partitions.subList(partitions.size() - 2, partitions.size()));
        }
    }

    /**
     * The changes turning {@code current} (the table's rows in scope, read before {@code desired}) into
     * {@code desired} (the rows the scope should hold, in the table's columns), matched on {@code key}.
     *
     * @param compared  the columns whose difference makes an update (null-safe); empty: rows are never updated,
     *                  only inserted or deleted
     * @param partition the table's partition column, for the plan's list of touched partitions; null for none
     */
    public static Plan plan(TableLocation table, Dataset<Row> current, Dataset<Row> desired, List<String> key,
                            List<String> compared, String partition) {
        Column sameKey = null;
        for (String k : key) {
            Column same = col("c." + quote(k)).eqNullSafe(col("d." + quote(k)));
            sameKey = sameKey == null ? same : sameKey.and(same);
        }
        Column differs = lit(false);
        for (String c : compared) {
            differs = differs.or(col("c." + quote(c)).eqNullSafe(col("d." + quote(c))).unary_$bang());
        }
        String probe = "_repair_present";
        Column inCurrent = col("c." + probe).isNotNull();
        Column inDesired = col("d." + probe).isNotNull();
        Column op = when(inDesired.and(inCurrent.unary_$bang()), lit(INSERT))
                .when(inDesired.and(differs), lit(UPDATE))
                .when(inCurrent.and(inDesired.unary_$bang()), lit(DELETE));
        List<Column> columns = new ArrayList<>();
        for (String c : desired.columns()) {
            columns.add((key.contains(c) ? when(inDesired, col("d." + quote(c))).otherwise(col("c." + quote(c)))
                    : col("d." + quote(c))).as(c));
        }
        columns.add(op.as(OP));
        Dataset<Row> changes = current.withColumn(probe, lit(true)).as("c")
                .join(desired.withColumn(probe, lit(true)).as("d"), sameKey, "full_outer")
                .select(columns.toArray(Column[]::new))
                .where(col(OP).isNotNull())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : changes.groupBy(OP).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        List<String> partitions = partition == null ? List.of()
                : changes.select(col(quote(partition)).cast("string")).distinct().orderBy(partition)
                .as(Encoders.STRING()).collectAsList().stream().map(String::valueOf).toList();
        return new Plan(table, changes, List.copyOf(key), counts.getOrDefault(INSERT, 0L),
                counts.getOrDefault(UPDATE, 0L), counts.getOrDefault(DELETE, 0L), partitions);
    }

    /**
     * Runs {@code attempt} again (up to {@link #CONFLICT_ATTEMPTS} times) when a concurrent commit to a table it
     * writes conflicted with its own (Delta's optimistic concurrency: nothing of the failed attempt was
     * committed). The attempt must read what it depends on afresh each time.
     */
    public static <T> T retryingConflicts(String what, Supplier<T> attempt) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (DeltaConcurrentModificationException e) {
                if (tries >= CONFLICT_ATTEMPTS) {
                    throw e;
                }
                org.apache.logging.log4j.LogManager.getLogger(TableRepair.class)
                        .info("{}: a concurrent commit conflicted ({}); trying again ({} of {})", what,
                                e.getClass().getSimpleName(), tries + 1, CONFLICT_ATTEMPTS);
                try {
                    Thread.sleep(200L * tries);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String quote(String column) {
        return "`" + column + "`";
    }
}
