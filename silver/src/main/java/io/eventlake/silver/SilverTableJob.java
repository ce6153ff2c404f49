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
import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableRepair;
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
    @Override
    public final TableLocation table() {
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

    // ---- backfill ---------------------------------------------------------------------------------------

    /**
     * What a backfill of the table over an event-time range changes: the table's rows and silver quarantine's
     * rows for the table, and the gate's verdicts on the rebuilt rows. Nothing is written until {@link #apply}.
     */
    public record BackfillPlan(TableRepair.Plan table, TableRepair.Plan quarantine, GateResult verdicts,
                               Optional<String> targetScope) implements AutoCloseable {
        /** Whether a block rule failed on the rebuilt rows (applying it is refused). */
        public boolean blocked() {
            return verdicts.blocks();
        }

        @Override
        public void close() {
            table.close();
            quarantine.close();
        }
    }

    /**
     * Plans the backfill of {@code range}: the table's rows of the range (for customer tables: of the customers
     * with an update in it) as they stand now, then the rows the job makes of what {@code bronze.events} holds
     * for them, judged by the table's gate exactly as a micro-batch is (quarantine rules, an order and its lines
     * together), de-duplicated as the stream does. Writes nothing.
     *
     * <p>The table is read (pinned) before bronze: every row it holds came from bronze earlier, so a row the
     * running stream adds meanwhile is never taken for one to delete.
     */
    @Override
    public final BackfillPlan plan(SparkSession spark, EventTimeRange range) {
        StructType schema = schema();
        DeltaTables.ensure(spark, table, schema, stream.layout());
        DeltaTables.ensure(spark, context.settings().quarantine(), SilverQuarantineTable.SCHEMA,
                SilverQuarantineTable.LAYOUT);
        TableLocation quarantine = context.settings().quarantine();
        Dataset<Row> held = pinned(spark, table);
        Dataset<Row> heldQuarantine = pinned(spark, quarantine)
                .where(col(SilverQuarantineTable.TARGET_TABLE).equalTo(table.name()));
        Dataset<Row> bronze = spark.read().format("delta").load(bronzeEvents().path());
        Dataset<Row> conformed = backfillEvents(Conformance.conform(bronze, stream.versions(), context.tokenizer()),
                range).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> accepted = Conformance.accepted(conformed);
            Gate gate = context.quality().gate(table.name());
            Dataset<Row> judged = RowChecks.withBrokenRules(rows(accepted, schema), gate);
            Optional<Dataset<Row>> vetoes = siblingVetoes(accepted);
            Dataset<Row> broken = RowChecks.failing(judged)
                    .select(col(SilverQuarantineTable.EVENT_ID), col(RowChecks.BROKEN_RULES));
            if (vetoes.isPresent()) {
                broken = broken.unionByName(vetoes.get());
            }
            judged = byEvent(judged, broken).persist(StorageLevel.MEMORY_AND_DISK());
            GateResult verdicts = context.quality().verifyRange(judged.drop(RowChecks.BROKEN_RULES), table);
            Dataset<Row> desired = desired(RowChecks.passing(judged), schema);
            TableRepair.Plan rows = TableRepair.plan(table, backfillScope(held, conformed, range), desired,
                    key(), compared(schema), partitionColumn());
            Dataset<Row> events = conformed.select(SilverQuarantineTable.EVENT_ID).distinct();
            Dataset<Row> desiredQuarantine = SilverQuarantine.rows(conformed, table)
                    .unionByName(SilverQuarantine.gateRows(RowChecks.failing(judged), accepted, table));
            TableRepair.Plan quarantined = TableRepair.plan(quarantine,
                    heldQuarantine.join(events, SilverQuarantineTable.EVENT_ID, "left_semi"),
                    desiredQuarantine.dropDuplicates(SilverQuarantineTable.EVENT_ID),
                    List.of(SilverQuarantineTable.EVENT_ID, SilverQuarantineTable.TARGET_TABLE), List.of(), null);
            judged.unpersist(false);
            return new BackfillPlan(rows, quarantined, verdicts, targetScope(range));
        } finally {
            conformed.unpersist(false);
        }
    }

    /**
     * Applies a {@link #plan}: refuses when a block rule failed, else one MERGE on the table and one on silver
     * quarantine (an event now written leaves the quarantine of this table, one now failing enters it), each
     * tagged {@code tag}; the verdicts are recorded with the version written.
     */
    @Override
    public final void apply(SparkSession spark, BackfillPlan plan, CommitTag.Backfill tag) {
        context.quality().refuseIfBlocked(spark, plan.verdicts(), "the backfill of " + tag.range());
        plan.table().apply(spark, tag, plan.targetScope());
        plan.quarantine().apply(spark, tag, Optional.of("t." + SilverQuarantineTable.TARGET_TABLE + " = '"
                + table.name() + "'"));
        if (!context.quality().gate(table.name()).isEmpty()) {
            context.quality().ensureResultsTable(spark);
            context.quality().recordPassed(spark, plan.verdicts(), plan.table().isEmpty() ? null
                    : DeltaCommits.currentVersion(spark, table));
        }
    }

    private static Dataset<Row> pinned(SparkSession spark, TableLocation table) {
        return spark.read().format("delta").option("versionAsOf", DeltaCommits.currentVersion(spark, table))
                .load(table.path());
    }

    /**
     * The conformed records of the event type a backfill of {@code range} rebuilds from; by default those that
     * occurred in it.
     */
    protected Dataset<Row> backfillEvents(Dataset<Row> conformed, EventTimeRange range) {
        return conformed.where(range.contains(col(BronzeEventsTable.OCCURRED_AT)));
    }

    /**
     * The rows of the table (as {@code held}) a backfill of {@code range} replaces, given the records it rebuilds
     * from ({@link #backfillEvents}); by default those that occurred in the range.
     */
    protected Dataset<Row> backfillScope(Dataset<Row> held, Dataset<Row> events, EventTimeRange range) {
        return held.where(range.containsDay(FACT_EVENT_DATE)).where(range.contains(col(BronzeEventsTable.OCCURRED_AT)));
    }

    /** A predicate narrowing the files a backfill's MERGE reads (the range's partitions); empty for all. */
    protected Optional<String> targetScope(EventTimeRange range) {
        return Optional.of("t." + FACT_EVENT_DATE + " BETWEEN DATE'" + range.firstDay() + "' AND DATE'"
                + range.lastDay() + "'");
    }

    /** The table's partition column, to list the partitions a backfill touches; null when unpartitioned. */
    protected String partitionColumn() {
        return FACT_EVENT_DATE;
    }

    /** The event date column of the fact tables (what they are partitioned by). */
    private static final String FACT_EVENT_DATE = "event_date";

    /**
     * The rows the table holds for the records a backfill rebuilds from, given the rows of those records that
     * pass the gate (as {@link #rows} gives them): de-duplicated as {@link #write} does.
     */
    protected abstract Dataset<Row> desired(Dataset<Row> passing, StructType schema);

    /** The columns identifying a row of the table. */
    protected abstract List<String> key();

    /** The columns whose difference makes a backfill update a row: every column but the key. */
    private List<String> compared(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames()).filter(c -> !key().contains(c)).toList();
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
