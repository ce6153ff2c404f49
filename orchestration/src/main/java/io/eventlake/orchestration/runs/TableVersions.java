package io.eventlake.orchestration.runs;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reading a table as of a past version or time (Delta time travel). */
public final class TableVersions {
    private TableVersions() {
    }

    /** Table {@code name} as of {@code version}, or as of {@code timestamp} when the version is null. */
    public static Dataset<Row> read(SparkSession spark, LakeSettings settings, String name, Long version,
                                    String timestamp) {
        TableLocation table = LakeTables.existing(spark, settings, name);
        if (version != null) {
            LakeTables.checkVersion(spark, table, version);
            return spark.read().format("delta").option("versionAsOf", version).load(table.path());
        }
        String at;
        try {
            at = Timestamp.from(Instant.parse(timestamp)).toString();
        } catch (DateTimeParseException e) {
            try {
                at = Timestamp.valueOf(timestamp).toString();
            } catch (IllegalArgumentException again) {
                throw LakeErrors.configInvalid("--timestamp", timestamp,
                        "an ISO instant (2026-11-21T10:00:00Z) or 'yyyy-mm-dd hh:mm:ss'");
            }
        }
        return spark.read().format("delta").option("timestampAsOf", at).load(table.path());
    }

    /** The first {@code limit} rows of that version, as Spark prints them, with the row count. */
    public static String show(SparkSession spark, LakeSettings settings, String name, Long version, String timestamp,
                              int limit) {
        Dataset<Row> rows = read(spark, settings, name, version, timestamp);
        return name + (version != null ? " version " + version : " as of " + timestamp) + ": " + rows.count()
                + " rows\n" + rows.showString(limit, 40, false);
    }
}
