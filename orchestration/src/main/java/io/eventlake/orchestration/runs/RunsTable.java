package io.eventlake.orchestration.runs;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of the runs table ({@code quality.runs}): one row per job per run, appended when the run
 * ends (succeeded or failed). A run is one command ({@code lake gold}, {@code lake pipeline}, a rollback); its
 * jobs are the streaming queries and refreshes it ran. Every Delta commit of the run carries its run id.
 */
public final class RunsTable {
    private RunsTable() {
    }

    public static final String RUN_ID = "run_id";
    /** The job: a streaming query's name (e.g. {@code silver.payments}), a refresh, {@code rollback}. */
    public static final String JOB = "job";
    /** The command, e.g. {@code pipeline}. */
    public static final String COMMAND = "command";
    /** {@code available-now}, {@code continuous}, {@code batch}. */
    public static final String MODE = "mode";
    /** {@code succeeded} or {@code failed}. */
    public static final String STATUS = "status";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    /** What the job read: tables with the version range, Kafka topics with the offset ranges. */
    public static final String INPUTS = "inputs";
    public static final String INPUT_SOURCE = "source";
    /** {@code table} or {@code kafka}. */
    public static final String INPUT_KIND = "kind";
    /** Table: the first version read (its start offset); Kafka: the offsets JSON it started from. */
    public static final String INPUT_FROM = "from_position";
    /** Table: the version read up to; Kafka: the offsets JSON it ended at. */
    public static final String INPUT_TO = "to_position";
    /** What the job wrote: each table with its version before the run and after. */
    public static final String OUTPUTS = "outputs";
    public static final String OUTPUT_TABLE = "table_name";
    public static final String VERSION_BEFORE = "version_before";
    public static final String VERSION_AFTER = "version_after";
    /** Rows the job's commits inserted, updated or deleted. */
    public static final String ROWS_WRITTEN = "rows_written";
    public static final String DUPLICATES = "duplicates_dropped";
    public static final String QUARANTINED = "quarantined";
    /** Gate verdicts of the job's outputs in this run: {@code <table>/<rule>=<verdict>}. */
    public static final String GATE_VERDICTS = "gate_verdicts";
    public static final String APP_VERSION = "app_version";
    /** The failure's message; null when the job succeeded. */
    public static final String ERROR = "error";

    public static final StructType INPUT = new StructType()
            .add(INPUT_SOURCE, StringType).add(INPUT_KIND, StringType).add(INPUT_FROM, StringType)
            .add(INPUT_TO, StringType);
    public static final StructType OUTPUT = new StructType()
            .add(OUTPUT_TABLE, StringType).add(VERSION_BEFORE, LongType).add(VERSION_AFTER, LongType);

    public static final StructType SCHEMA = new StructType()
            .add(RUN_ID, StringType)
            .add(JOB, StringType)
            .add(COMMAND, StringType)
            .add(MODE, StringType)
            .add(STATUS, StringType)
            .add(STARTED_AT, TimestampType)
            .add(ENDED_AT, TimestampType)
            .add(INPUTS, DataTypes.createArrayType(INPUT))
            .add(OUTPUTS, DataTypes.createArrayType(OUTPUT))
            .add(ROWS_WRITTEN, LongType)
            .add(DUPLICATES, LongType)
            .add(QUARANTINED, LongType)
            .add(GATE_VERDICTS, DataTypes.createArrayType(StringType))
            .add(APP_VERSION, StringType)
            .add(ERROR, StringType);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(RUN_ID, JOB, STARTED_AT);

    /** The table as the catalog knows it: named by {@code eventlake.quality.runs-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.quality.runs-table", SCHEMA, LAYOUT)
            .withDoc(TableDoc.of("One row per job per run: what it read (Kafka offsets, table versions), what it wrote, "
                    + "counts and verdicts: the lake's lineage.",
                    "one row per job per run", List.of(RUN_ID, JOB)));
}
