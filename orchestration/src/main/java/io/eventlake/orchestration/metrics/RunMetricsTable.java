package io.eventlake.orchestration.metrics;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableSpec;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of the run metrics table ({@code quality.run_metrics}): one row per micro-batch of every
 * streaming query of a recorded run, appended when the run ends and, in a continuous run, every
 * {@code eventlake.metrics.flush-interval}. The history behind the Prometheus endpoint's gauges.
 */
public final class RunMetricsTable {
    private RunMetricsTable() {
    }

    public static final String RUN_ID = "run_id";
    /** The streaming query's name, e.g. {@code bronze.events}. */
    public static final String QUERY = "query";
    public static final String BATCH_ID = "batch_id";
    /** When the micro-batch started. */
    public static final String STARTED_AT = "started_at";
    public static final String INPUT_ROWS = "input_rows";
    public static final String ROWS_PER_SECOND = "rows_per_second";
    public static final String DURATION_MS = "duration_ms";
    /** Records on the Kafka topics not yet read after this batch, in all (null for a query not reading Kafka). */
    public static final String KAFKA_LAG = "kafka_lag";
    /** The same per {@code topic/partition}. */
    public static final String KAFKA_LAG_BY_PARTITION = "kafka_lag_by_partition";

    public static final StructType SCHEMA = new StructType()
            .add(RUN_ID, StringType)
            .add(QUERY, StringType)
            .add(BATCH_ID, LongType)
            .add(STARTED_AT, TimestampType)
            .add(INPUT_ROWS, LongType)
            .add(ROWS_PER_SECOND, DoubleType)
            .add(DURATION_MS, LongType)
            .add(KAFKA_LAG, LongType)
            .add(KAFKA_LAG_BY_PARTITION, DataTypes.createMapType(StringType, LongType));

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(RUN_ID, QUERY, STARTED_AT);

    /** The table as the catalog knows it: named by {@code eventlake.quality.run-metrics-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.quality.run-metrics-table", SCHEMA, LAYOUT)
            .withDoc(TableDoc.of("Every micro-batch of every streaming query of the recorded runs: rows in, "
                    + "rate, duration, Kafka lag. The history behind the metrics endpoint.",
                    "one row per micro-batch per query per run", List.of(RUN_ID, QUERY, BATCH_ID)));
}
