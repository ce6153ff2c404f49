package io.eventlake.gold;

import io.eventlake.errors.LakeErrors;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The input versions of a gold refresh: what they are now, what the last refresh read, and reads pinned to them. */
public final class RefreshInputsReader {
    private RefreshInputsReader() {
    }

    /** The version of each input now; refuses when one does not exist yet (silver has not run). */
    public static RefreshInputs current(SparkSession spark, String job, List<TableLocation> inputs) {
        Map<String, Long> now = new LinkedHashMap<>();
        for (TableLocation input : inputs) {
            if (!DeltaTables.exists(spark, input)) {
                throw LakeErrors.tableMissing(input.name(), input.path(), job,
                        "run silver first: ./lake silver --available-now (or ./lake pipeline).");
            }
            now.put(input.name(), DeltaCommits.currentVersion(spark, input));
        }
        return new RefreshInputs(now);
    }

    /**
     * The inputs the last refresh of {@code job} committed to {@code table}, when they name the same tables. A
     * refresh a restore undid (failed audit, rollback) does not count: the restored version's inputs do.
     */
    public static Optional<RefreshInputs> last(SparkSession spark, String job, TableLocation table,
                                               RefreshInputs current) {
        return DeltaCommits.lastTagged(spark, table, tag -> RefreshInputs.isRefreshOf(job, tag))
                .flatMap(tagged -> RefreshInputs.fromTag(job, tagged.tag()))
                .filter(previous -> previous.versions().keySet().equals(current.versions().keySet()));
    }

    /** {@code input} as of the version {@code inputs} records. */
    public static Dataset<Row> at(SparkSession spark, TableLocation input, RefreshInputs inputs) {
        return spark.read().format("delta").option("versionAsOf", inputs.version(input.name()).orElseThrow())
                .load(input.path());
    }

    /**
     * The rows of {@code input} changed after {@code previous}, up to {@code current}: its change data feed, every
     * change kind (inserts, deletes, both images of updates); no rows when the version did not move. Delta plans a
     * change feed per version and file, so a caller reads each once.
     *
     * @throws org.apache.spark.sql.AnalysisException (undeclared, on analysis or first action) when the feed does
     *     not reach back to {@code previous}
     */
    public static Dataset<Row> changes(SparkSession spark, TableLocation input, RefreshInputs previous,
                                       RefreshInputs current) {
        long from = previous.version(input.name()).orElseThrow() + 1;
        long to = current.version(input.name()).orElseThrow();
        if (from > to) {
            return at(spark, input, current).limit(0);
        }
        return spark.read().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", from).option("endingVersion", to).load(input.path());
    }
}
