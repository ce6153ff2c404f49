package io.eventlake.silver;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.quarantine}: records valid in bronze that failed silver's conformance,
 * one row per (event id, target table), with the reasons and the bronze coordinates to find the raw record.
 * Partitioned by {@link #TARGET_TABLE}: each job writes its own partition.
 */
public final class SilverQuarantineTable {
    private SilverQuarantineTable() {
    }

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String OCCURRED_AT = "occurred_at";
    /** The silver table the record was meant for, e.g. {@code silver.payments}. */
    public static final String TARGET_TABLE = "target_table";
    public static final String REASONS = Conformance.REASONS;
    public static final String SOURCE = Conformance.SOURCE;

    public static final StructType SCHEMA = new StructType()
            .add(EVENT_ID, StringType)
            .add(EVENT_TYPE, StringType)
            .add(SCHEMA_VERSION, IntegerType)
            .add(OCCURRED_AT, TimestampType)
            .add(TARGET_TABLE, StringType)
            .add(REASONS, DataTypes.createArrayType(StringType))
            .add(SOURCE, SilverTables.SOURCE_TYPE);

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(TARGET_TABLE), EVENT_ID, OCCURRED_AT);

    /** The table as the catalog knows it: named by {@code eventlake.silver.quarantine-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.quarantine-table", SCHEMA, LAYOUT)
            .withDoc(TableDoc.of("Events bronze accepted that silver could not conform (an unknown currency) or that a "
                    + "quarantine rule rejected, with the reasons and the table they were meant for.",
                    "one row per rejected event", List.of(TARGET_TABLE, EVENT_ID)));
}
