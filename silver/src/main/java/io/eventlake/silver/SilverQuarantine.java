package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Appends the records of a micro-batch that failed conformance to {@link SilverQuarantineTable}. */
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

    /** Appends them exactly once per (query, batch); returns how many. */
    public static long append(Dataset<Row> conformed, TableLocation target, TableLocation quarantine, String appId,
                              long batchId) {
        Dataset<Row> rejected = rows(conformed, target);
        long count = rejected.count();
        if (count > 0) {
            DeltaTables.appendOnce(rejected, quarantine, appId, batchId);
        }
        return count;
    }
}
