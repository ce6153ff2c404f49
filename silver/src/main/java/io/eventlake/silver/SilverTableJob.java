package io.eventlake.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.flatten;

import io.eventlake.stream.StreamMode;
import io.eventlake.quality.Gate;
import io.eventlake.quality.GateResult;
import io.eventlake.quality.RowChecks;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A silver job writing one table from one event type on a {@link SilverStream}: the table's schema is its
 * published columns followed by the payload fields newer contract versions added (schema evolution); a subclass
 * says how a micro-batch's conforming rows are written, idempotently.
 */
public abstract class SilverTableJob implements SilverJob {
    private static final String VETO = "_sibling_broken_rules";
    private final String name;
    private final TableLocation table;
    private final StructType published;
    private final Set<String> consumed;
    private final SilverStream stream;
    private final SilverContext context;

    /**
     * @param published the table's published columns
     * @param consumed  payload columns the table maps into other columns, not carried as they are; {@code null}
     *                  when no payload field is carried as it is (a row is not one event)
     */
    protected SilverTableJob(String name, String eventType, TableSpec spec, Set<String> consumed,
                             SilverContext context) {
        this.name = name;
        this.table = context.settings().catalog().location(spec);
        this.published = spec.schema();
        this.consumed = consumed;
        this.stream = new SilverStream(name, eventType, table, spec.layout(), context);
        this.context = context;
    }

    @Override
    public final String name() {
        return name;
    }

    /** The table the job writes. */
    protected final TableLocation table() {
        return table;
    }

    /** The bronze events table the job streams from. */
    protected final TableLocation bronzeEvents() {
        return context.settings().bronzeEvents();
    }

    /** The table's schema: its published columns, then payload fields newer contracts added. */
    public final StructType schema() {
        if (consumed == null) {
            return published;
        }
        return SilverSchemas.withNewPayloadFields(published, Conformance.payloadColumns(stream.versions()), consumed);
    }

    @Override
    public final StreamingQuery start(SparkSession spark, StreamMode mode) {
        StructType schema = schema();
        return stream.start(spark, mode, schema, (accepted, appId, batchId) -> gated(accepted, schema, appId,
                batchId));
    }

    /**
     * Another table written from the same events (an order's lines, a customer's current row): an event that breaks
     * one of its quarantine rules is quarantined from this table too, with the same reasons, so the tables derived
     * from one event never disagree on whether it counts.
     *
     * @param table the other table
     * @param rows  its rows from a batch's conforming events (as its job's {@link #rows} gives them)
     */
    public record Sibling(TableLocation table, Function<Dataset<Row>, Dataset<Row>> rows) {
    }

    /** The other tables written from this job's events; none by default. */
    protected List<Sibling> siblings() {
        return List.of();
    }

    /**
     * The batch through the table's quality gate: verified in one Deequ run (a block rule failing throws before
     * anything is written, so the checkpoint does not advance), rows breaking a quarantine rule of this table or of
     * a {@link Sibling} to silver quarantine with the rules' names, the other rows written, the verdicts recorded
     * with the version written.
     */
    private BatchMetrics gated(Dataset<Row> accepted, StructType schema, String appId, long batchId) {
        Gate gate = context.quality().gate(table.name());
        Dataset<Row> rows = rows(accepted, schema);
        Optional<Dataset<Row>> vetoes = siblingVetoes(accepted);
        if (gate.isEmpty() && vetoes.isEmpty()) {
            return write(rows, schema, appId, batchId);
        }
        Dataset<Row> own = RowChecks.withBrokenRules(rows, gate).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> judged = own;
        try {
            if (own.isEmpty()) {
                return BatchMetrics.NONE;
            }
            Dataset<Row> broken = RowChecks.failing(own)
                    .select(col(SilverQuarantineTable.EVENT_ID), col(RowChecks.BROKEN_RULES));
            if (vetoes.isPresent()) {
                broken = broken.unionByName(vetoes.get());
            }
            if (!broken.isEmpty()) { // the common batch breaks nothing: no per-event join then
                judged = byEvent(own, broken).persist(StorageLevel.MEMORY_AND_DISK());
            }
            SparkSession spark = accepted.sparkSession();
            GateResult result = gate.isEmpty() ? null
                    : context.quality().check(judged.drop(RowChecks.BROKEN_RULES), table, batchId);
            BatchMetrics written = write(RowChecks.passing(judged), schema, appId, batchId);
            Dataset<Row> failing = RowChecks.failing(judged);
            long quarantined = failing.isEmpty() ? 0
                    : SilverQuarantine.appendRows(SilverQuarantine.gateRows(failing, accepted, table), table,
                    context.settings().quarantine(), new CommitTag.Batch(appId, batchId).part("gate"));
            if (result != null) { // a batch that wrote rows committed a version: the verdicts name it
                context.quality().recordPassed(spark, result, written.written() > 0
                        ? DeltaCommits.currentVersion(spark, table) : null, batchId);
            }
            return new BatchMetrics(written.received(), written.duplicates(), written.written(), quarantined);
        } finally {
            if (judged != own) {
                judged.unpersist(false);
            }
            own.unpersist(false);
        }
    }

    /** The rows of a sibling table that break its quarantine rules: event id and the rules' names. */
    private Optional<Dataset<Row>> siblingVetoes(Dataset<Row> accepted) {
        Dataset<Row> broken = null;
        for (Sibling sibling : siblings()) {
            Gate gate = context.quality().gate(sibling.table().name());
            if (gate.quarantineRules().isEmpty()) {
                continue;
            }
            Dataset<Row> failing = RowChecks.failing(RowChecks.withBrokenRules(sibling.rows().apply(accepted), gate))
                    .select(col(SilverQuarantineTable.EVENT_ID), col(RowChecks.BROKEN_RULES));
            broken = broken == null ? failing : broken.unionByName(failing);
        }
        return Optional.ofNullable(broken);
    }

    /**
     * Judges events, not rows: every row of an event carries the rules any row of the event broke, in this table
     * or a sibling ({@code broken}: event id and rule names), so an order's lines are quarantined (or written)
     * together.
     */
    private static Dataset<Row> byEvent(Dataset<Row> judged, Dataset<Row> broken) {
        Dataset<Row> byEvent = broken.groupBy(SilverQuarantineTable.EVENT_ID)
                .agg(array_distinct(flatten(collect_list(col(RowChecks.BROKEN_RULES)))).as(VETO));
        Column[] columns = java.util.Arrays.stream(judged.columns()).map(c -> col(c)).toArray(Column[]::new);
        return judged.join(byEvent, scala.collection.JavaConverters.asScalaBuffer(
                        List.of(SilverQuarantineTable.EVENT_ID)).toSeq(), "left")
                .withColumn(RowChecks.BROKEN_RULES, coalesce(col(VETO), array().cast("array<string>")))
                .select(columns);
    }

    /**
     * The rows a micro-batch brings for the table, in the table's columns (what the gate judges).
     *
     * @param accepted the batch's conforming events
     * @param schema   the table's schema (select these columns)
     */
    protected abstract Dataset<Row> rows(Dataset<Row> accepted, StructType schema);

    /**
     * Writes a micro-batch's rows (those the gate let through) to the table, idempotently.
     *
     * @return rows received, duplicates dropped, rows written
     */
    protected abstract BatchMetrics write(Dataset<Row> rows, StructType schema, String appId, long batchId);
}
