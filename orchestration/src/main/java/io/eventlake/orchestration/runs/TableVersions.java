package io.eventlake.orchestration.runs;

import io.delta.tables.DeltaTable;
import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Reading a table as of a past version or time (Delta time travel). */
public final class TableVersions {
    private TableVersions() {
    }

    /**
     * Table {@code name} as of {@code version}, or when the version is null as of {@code timestamp}: the newest
     * version committed at or before it.
     */
    public static Dataset<Row> read(SparkSession spark, LakeSettings settings, String name, Long version,
                                    String timestamp) {
        TableLocation table = LakeTables.existing(spark, settings, name);
        if (version != null) {
            LakeTables.checkVersion(spark, table, version);
            LakeTables.checkReadable(spark, table, version);
            return spark.read().format("delta").option("versionAsOf", version).load(table.path());
        }
        Timestamp at;
        try {
            at = Timestamp.from(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            try {
                at = Timestamp.valueOf(timestamp);
            } catch (IllegalArgumentException again) {
                throw LakeErrors.optionInvalid("--timestamp", timestamp,
                        "an ISO instant (2026-11-21T10:00:00Z) or 'yyyy-mm-dd hh:mm:ss'",
                        "./lake show " + name + " --timestamp 2026-11-21T10:00:00Z");
            }
        }
        List<Row> versions = DeltaTable.forPath(spark, table.path()).history()
                .where(functions.col("timestamp").leq(functions.lit(at)))
                .orderBy(functions.col("version").desc()).select("version").limit(1).collectAsList();
        if (versions.isEmpty()) {
            throw LakeErrors.optionInvalid("--timestamp", timestamp, "a time at or after the table's first version",
                    "./lake history " + name + " (it lists the versions and their times), then ./lake show " + name
                            + " --version <version>");
        }
        LakeTables.checkReadable(spark, table, versions.get(0).getLong(0));
        return spark.read().format("delta").option("versionAsOf", versions.get(0).getLong(0)).load(table.path());
    }

    /** The first {@code limit} rows of that version, as Spark prints them, with the row count. */
    public static String show(SparkSession spark, LakeSettings settings, String name, Long version, String timestamp,
                              int limit) {
        Dataset<Row> rows = read(spark, settings, name, version, timestamp);
        return name + (version != null ? " version " + version : " as of " + timestamp) + ": " + rows.count()
                + " rows\n" + rows.showString(limit, 40, false);
    }
}
