package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;

import io.eventlake.quality.RowChecks;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds the records of a micro-batch that failed conformance, or broke a quarantine rule of their table's quality
 * gate, to {@link SilverQuarantineTable}.
 */
public final class SilverQuarantine {
    private SilverQuarantine() {
    }

    /** The quarantine rows of {@code conformed}'s rejected records meant for {@code target}, one per event id. */
    public static Dataset<Row> rows(Dataset<Row> conformed, TableLocation target) {
        return Conformance.rejected(conformed).dropDuplicates(SilverQuarantineTable.EVENT_ID)
                .withColumn(SilverQuarantineTable.TARGET_TABLE, lit(target.name()))
                .select(Arrays.stream(SilverQuarantineTable.SCHEMA.fieldNames()).map(c -> col(c))
                        .toArray(Column[]::new));
    }

    /**
     * Adds them, once per (event id, target table): an insert-only MERGE into the target table's partition, so a
     * replayed batch, a duplicate days later or a re-run from a fresh checkpoint adds nothing, and jobs quarantining
     * at the same time touch different partitions (no write conflict). Returns how many were added.
     */
    public static long append(Dataset<Row> conformed, TableLocation target, TableLocation quarantine, String appId,
                              long batchId) {
        return appendRows(rows(conformed, target), target, quarantine, new CommitTag.Batch(appId, batchId));
    }

    /**
     * The quarantine rows of the conforming events whose table rows broke {@code target}'s quarantine rules:
     * one per event, with reasons {@code quality:<rule>} for every rule any of its rows broke.
     *
     * @param failing the table rows that broke a rule, with {@link RowChecks#BROKEN_RULES} and the event id
     * @param accepted the batch's conforming events
     */
    public static Dataset<Row> gateRows(Dataset<Row> failing, Dataset<Row> accepted, TableLocation target) {
        Dataset<Row> reasons = failing.groupBy(SilverQuarantineTable.EVENT_ID)
                .agg(array_distinct(flatten(collect_list(col(RowChecks.BROKEN_RULES)))).as("broken"))
                .withColumn(SilverQuarantineTable.REASONS, transform(col("broken"), r -> concat(lit("quality:"), r)));
        return accepted.dropDuplicates(SilverQuarantineTable.EVENT_ID)
                .join(reasons, SilverQuarantineTable.EVENT_ID)
                .withColumn(SilverQuarantineTable.TARGET_TABLE, lit(target.name()))
                .select(Arrays.stream(SilverQuarantineTable.SCHEMA.fieldNames()).map(c -> col(c))
                        .toArray(Column[]::new));
    }

    /**
     * Adds quarantine rows once per (event id, target table), as {@link #append} does; returns how many. The commit
     * is tagged {@code tag} (a second write of one batch names its part, e.g. {@code #gate}).
     */
    public static long appendRows(Dataset<Row> rejected, TableLocation target, TableLocation quarantine,
                                  CommitTag.Batch tag) {
        if (rejected.isEmpty()) {
            return 0;
        }
        String condition = "t." + SilverQuarantineTable.TARGET_TABLE + " = '" + target.name() + "' AND t."
                + SilverQuarantineTable.EVENT_ID + " = s." + SilverQuarantineTable.EVENT_ID;
        return DeltaCommits.writeTagged(rejected.sparkSession(), quarantine, tag,
                table -> table.as("t").merge(rejected.as("s"), condition).whenNotMatched().insertAll().execute(),
                "numTargetRowsInserted");
    }
}
