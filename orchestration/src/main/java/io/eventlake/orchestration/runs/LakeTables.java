package io.eventlake.orchestration.runs;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Looking up the lake's tables by name for the versioning commands, with clear errors. */
public final class LakeTables {
    private LakeTables() {
    }

    /** The table named {@code name}; refuses names eventlake does not write and tables not created yet. */
    public static TableLocation existing(SparkSession spark, LakeSettings settings, String name) {
        TableLocation table = settings.tables().get(name);
        if (table == null) {
            throw LakeErrors.tableUnknown(name, settings.tableNames());
        }
        if (!DeltaTables.exists(spark, table)) {
            throw LakeErrors.tableMissing(name, table.path(), "This command",
                    "run the job that writes it first (./lake pipeline --available-now writes them all).");
        }
        return table;
    }

    /** Refuses a version the table does not have. */
    public static void checkVersion(SparkSession spark, TableLocation table, long version) {
        long newest = DeltaCommits.currentVersion(spark, table);
        if (version < 0 || version > newest) {
            throw LakeErrors.versionMissing(table.name(), version, newest);
        }
    }

    /** Refuses a version VACUUM deleted files of: its log entry remains, every real read fails. */
    public static void checkReadable(SparkSession spark, TableLocation table, long version) {
        java.util.List<String> missing = TableFiles.at(spark, table, version).missing(spark,
                TableFiles.current(spark, table));
        if (!missing.isEmpty()) {
            throw LakeErrors.versionVacuumed(table.name(), version, missing.size(), missing.get(0));
        }
    }

    /** The runs table's rows, or none when no run was recorded yet. */
    static Dataset<Row> runs(SparkSession spark, LakeSettings settings) {
        if (!DeltaTables.exists(spark, settings.runs())) {
            return spark.createDataFrame(java.util.List.of(), RunsTable.SCHEMA);
        }
        return spark.read().format("delta").load(settings.runs().path());
    }
}
