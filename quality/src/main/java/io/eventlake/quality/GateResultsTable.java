package io.eventlake.quality;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code quality.gate_results}: one row per rule per gate check, for dashboards and
 * {@code lake history}. Append-only; partitioned by the guarded table.
 */
public final class GateResultsTable {
    private GateResultsTable() {
    }

    /** The guarded table, e.g. {@code silver.payments}. */
    public static final String TABLE_NAME = "table_name";
    /** The version of the guarded table the check is about: the version audited, or the one a batch wrote. */
    public static final String TABLE_VERSION = "table_version";
    public static final String RUN_ID = "run_id";
    /** The streaming micro-batch id; null for a batch refresh. */
    public static final String BATCH_ID = "batch_id";
    public static final String RULE = "rule";
    /** {@code warn}, {@code quarantine} or {@code block}. */
    public static final String LEVEL = "level";
    /** The requirement, e.g. {@code every amount within [0, 100000]}. */
    public static final String REQUIREMENT = "requirement";
    /** What was measured, e.g. {@code Completeness(email)}. */
    public static final String METRIC = "metric";
    public static final String VALUE = "value";
    /** {@code passed}, {@code failed} or {@code no_history}. */
    public static final String VERDICT = "verdict";
    /** What the failure did: {@code recorded}, {@code rows quarantined}, {@code write blocked}, {@code restored}. */
    public static final String ACTION = "action";
    public static final String MESSAGE = "message";
    public static final String CHECKED_AT = "checked_at";

    public static final StructType SCHEMA = new StructType()
            .add(TABLE_NAME, StringType)
            .add(TABLE_VERSION, LongType)
            .add(RUN_ID, StringType)
            .add(BATCH_ID, LongType)
            .add(RULE, StringType)
            .add(LEVEL, StringType)
            .add(REQUIREMENT, StringType)
            .add(METRIC, StringType)
            .add(VALUE, DoubleType)
            .add(VERDICT, StringType)
            .add(ACTION, StringType)
            .add(MESSAGE, StringType)
            .add(CHECKED_AT, TimestampType);

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(TABLE_NAME), TABLE_VERSION, RUN_ID);

    /** The table as the catalog knows it: named by {@code eventlake.quality.gate-results-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.quality.gate-results-table", SCHEMA, LAYOUT)
            .withDoc(TableDoc.of("The verdict and metric value of every quality rule at every check of a guarded table "
                    + "version: the lake's quality history.",
                    "one row per rule per check", List.of(TABLE_NAME, TABLE_VERSION, RULE)));
}
