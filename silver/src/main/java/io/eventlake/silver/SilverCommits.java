package io.eventlake.silver;

import io.delta.tables.DeltaTable;
import io.eventlake.table.TableLocation;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.Map;

/**
 * Writes a silver micro-batch as one Delta commit tagged {@code <query id>/<batch id>} (its {@code userMetadata},
 * as bronze's appends are), and reads back what the commit did from its operation metrics.
 */
public final class SilverCommits {
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private SilverCommits() {
    }

    /**
     * Runs {@code write} (one Delta operation on {@code table}, e.g. a MERGE) with its commit tagged, then returns
     * the sum of the named operation metrics of that commit; 0 when the operation committed nothing.
     *
     * @param spark the micro-batch's session (each streaming query has its own, so tags never cross queries)
     */
    public static long writeTagged(SparkSession spark, TableLocation table, String appId, long batchId,
                                   Consumer<DeltaTable> write, String... metrics) {
        String tag = appId + "/" + batchId;
        DeltaTable target = DeltaTable.forPath(spark, table.path());
        spark.conf().set(USER_METADATA, tag);
        try {
            write.accept(target);
        } finally {
            spark.conf().unset(USER_METADATA);
        }
        Row last = target.history(1).select("userMetadata", "operationMetrics").first();
        if (!tag.equals(last.getString(0))) {
            return 0;
        }
        Map<String, String> operationMetrics = last.getMap(1);
        long sum = 0;
        for (String metric : metrics) {
            sum += Long.parseLong(operationMetrics.getOrElse(metric, () -> "0"));
        }
        return sum;
    }
}
