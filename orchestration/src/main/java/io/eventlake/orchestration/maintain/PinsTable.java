package io.eventlake.orchestration.maintain;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of the pins table ({@code quality.pins}): one row per pinned table version, which
 * {@code lake maintain}'s VACUUM keeps readable. Written by {@code lake pin} and {@code lake unpin}, and by every
 * training set build for the lake versions it read.
 */
public final class PinsTable {
    private PinsTable() {
    }

    /** The pinned table, {@code database.table}. */
    public static final String TABLE_NAME = "table_name";
    public static final String VERSION = "version";
    /** Why: the user's words, or {@code training set <path>}. */
    public static final String REASON = "reason";
    /** {@code lake pin} or {@code training set}. */
    public static final String PINNED_BY = "pinned_by";
    public static final String PINNED_AT = "pinned_at";
    /** The run that pinned it. */
    public static final String RUN_ID = "run_id";

    public static final StructType SCHEMA = new StructType()
            .add(TABLE_NAME, StringType, false)
            .add(VERSION, LongType, false)
            .add(REASON, StringType)
            .add(PINNED_BY, StringType)
            .add(PINNED_AT, TimestampType)
            .add(RUN_ID, StringType);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(TABLE_NAME, VERSION);

    /** The table as the catalog knows it: named by {@code eventlake.quality.pins-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.quality.pins-table", SCHEMA, LAYOUT)
            .withDoc(TableDoc.of("The pinned table versions that lake maintain keeps readable, and why.",
                    "one row per pin", List.of(TABLE_NAME, VERSION, REASON)));
}
