package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Adds the records of a micro-batch that failed conformance to {@link SilverQuarantineTable}. */
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
        Dataset<Row> rejected = rows(conformed, target);
        if (rejected.isEmpty()) {
            return 0;
        }
        String condition = "t." + SilverQuarantineTable.TARGET_TABLE + " = '" + target.name() + "' AND t."
                + SilverQuarantineTable.EVENT_ID + " = s." + SilverQuarantineTable.EVENT_ID;
        return DeltaCommits.writeTagged(conformed.sparkSession(), quarantine, DeltaCommits.batchTag(appId, batchId),
                table -> table.as("t").merge(rejected.as("s"), condition).whenNotMatched().insertAll().execute(),
                "numTargetRowsInserted");
    }
}
