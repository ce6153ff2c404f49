package io.eventlake.orchestration.backfill;

import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldLayer;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.orchestration.runs.RunInput;
import io.eventlake.silver.SilverJob;
import io.eventlake.silver.SilverLayer;
import io.eventlake.silver.SilverTableJob;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableRepair;
import io.eventlake.table.TableSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Rebuilds the silver and gold rows of an event-time range from what {@code bronze.events} holds: for a silver
 * transform fixed, a quality rule relaxed (quarantined events may now pass, and leave the quarantine) or a gold
 * definition changed. Bronze is the source of truth: nothing is read from Kafka, so a replay never depends on its
 * retention.
 *
 * <p>Input: {@code bronze.events} (every record, kept for ever) and, for gold, silver as the backfill left it.
 * Output: per table, in the order the data flows (silver tables, then gold's refreshed tables), the rows that
 * differ from what the current transforms make of the range: inserted, updated or deleted in one MERGE tagged
 * {@code backfill:<job>:<range>} ({@link CommitTag.Backfill}); nothing is truncated or rewritten whole.
 *
 * <p>Event time, not ingest time: every use case is about business dates (gold's slices are event dates, feature
 * dates are days, an Airflow data interval is a business period), silver is partitioned by event date, and bronze
 * skips files on {@code occurred_at}. A late event is rebuilt with the day it belongs to.
 *
 * <p>Idempotent: a second backfill of the same range finds nothing to change and commits nothing. Safe while the
 * streaming pipeline runs: see {@link TableRepair} (each table's plan is retried whole when a concurrent commit
 * conflicts, and the streams retry their batches the same way).
 */
public final class Backfill {
    /** The tables a backfill can rebuild, in the order it rebuilds them. */
    public static final List<TableSpec> TABLES = Stream.concat(SilverLayer.GUARDED.stream(),
            GoldLayer.GUARDED.stream()).toList();

    private final SparkSession spark;
    private final LakeSettings settings;
    private final SilverLayer silver;
    private final GoldLayer gold;
    private final PrintWriter out;

    public Backfill(SparkSession spark, LakeSettings settings, SilverLayer silver, GoldLayer gold, PrintWriter out) {
        this.spark = spark;
        this.settings = settings;
        this.silver = silver;
        this.gold = gold;
        this.out = out;
    }

    /**
     * The tables named in {@code names} (every table of {@link #TABLES} when empty), checked against it.
     *
     * @throws io.eventlake.errors.LakeException TABLE_UNKNOWN naming the tables a backfill rebuilds
     */
    public static List<String> select(LakeSettings settings, Collection<String> names) {
        List<String> known = TABLES.stream().map(spec -> settings.catalog().location(spec).name()).toList();
        for (String name : names) {
            if (!known.contains(name)) {
                throw LakeErrors.tableUnknown(name, known);
            }
        }
        return names.isEmpty() ? known : known.stream().filter(names::contains).toList();
    }

    /** The specs of the gold tables among {@code tables} (what a backfill must lock: no stream writes them). */
    public static List<TableSpec> goldWrites(LakeSettings settings, Collection<String> tables) {
        return GoldLayer.GUARDED.stream().filter(spec -> tables.contains(settings.catalog().location(spec).name()))
                .toList();
    }

    /**
     * What the backfill did, per table.
     *
     * @param changed rows inserted, updated or deleted (quarantine rows included)
     */
    public record Outcome(List<String> tables, long changed) {
    }

    /**
     * Backfills {@code tables} (from {@link #select}) over {@code range}; with {@code dryRun} prints what would
     * change and writes nothing. {@code run} (null for a dry run) records what each table's job read.
     */
    public Outcome run(EventTimeRange range, List<String> tables, boolean dryRun, Run run) {
        TableLocation bronze = settings.silver().bronzeEvents();
        if (!DeltaTables.exists(spark, bronze)) {
            throw LakeErrors.tableMissing(bronze.name(), bronze.path(), "lake backfill",
                    "run ./lake bronze --available-now (or the pipeline) first: a backfill rebuilds from bronze.");
        }
        out.printf("backfill of event time %s (UTC; whole days for gold: %s .. %s), from %s%s%n", range,
                range.firstDay(), range.lastDay(), bronze.name(), dryRun ? ": dry run, nothing is written" : "");
        out.flush();
        long changed = 0;
        List<String> done = new ArrayList<>();
        for (SilverJob job : silver.jobs()) {
            if (!tables.contains(job.table().name())) {
                continue;
            }
            if (dryRun && !DeltaTables.exists(spark, job.table())) {
                out.printf("  %-27s does not exist yet (the backfill would create it)%n", job.table().name());
                continue;
            }
            changed += TableRepair.retryingConflicts("backfill of " + job.table().name(),
                    () -> silverTable(job, range, dryRun));
            done.add(job.table().name());
            if (run != null) {
                run.reads(job.name(), new RunInput(bronze.name(), RunInput.EVENT_TIME, range.from().toString(),
                        range.to().toString()));
            }
        }
        for (TableLocation table : gold.backfillTables()) {
            if (!tables.contains(table.name())) {
                continue;
            }
            if (dryRun && !DeltaTables.exists(spark, table)) {
                out.printf("  %-27s does not exist yet (the backfill would create it)%n", table.name());
                continue;
            }
            changed += goldTable(table, range, dryRun);
            done.add(table.name());
            if (run != null) {
                run.reads(table.name(), new RunInput(String.join(",", goldInputs(table)), RunInput.EVENT_TIME,
                        range.firstDay().toString(), range.lastDay().plusDays(1).toString()));
            }
        }
        if (dryRun && tables.stream().anyMatch(t -> gold.backfillTables().stream().anyMatch(g -> g.name().equals(t)))
                && tables.stream().anyMatch(t -> !gold.backfillTables().stream().anyMatch(g -> g.name().equals(t)))) {
            out.println("  (gold is planned against silver as it is now; the silver changes above add to it)");
        }
        out.printf("%s: %d rows %s%n", changed == 0 ? "nothing to change" : "backfill " + (dryRun ? "would change"
                : "changed"), changed, dryRun ? "(dry run)" : "");
        out.flush();
        return new Outcome(done, changed);
    }

    private long silverTable(SilverJob job, EventTimeRange range, boolean dryRun) {
        try (SilverTableJob.BackfillPlan plan = job.plan(spark, range)) {
            out.printf("  %-27s %s; quarantine: %d added, %d released%s%n", job.table().name(), counts(plan.table()),
                    plan.quarantine().inserted(), plan.quarantine().deleted(),
                    plan.blocked() ? "; BLOCKED by its gate: " + plan.verdicts().summary() : "");
            out.flush();
            if (!dryRun) {
                job.apply(spark, plan, new CommitTag.Backfill(job.name(), range));
            }
            return plan.table().inserted() + plan.table().updated() + plan.table().deleted()
                    + plan.quarantine().inserted() + plan.quarantine().deleted();
        }
    }

    private long goldTable(TableLocation table, EventTimeRange range, boolean dryRun) {
        try (TableRepair.Plan plan = gold.planBackfill(spark, table, range)) {
            out.printf("  %-27s %s", table.name(), counts(plan));
            out.flush();
            if (!dryRun) {
                out.printf("; audit %s", gold.applyBackfill(spark, plan, new CommitTag.Backfill(table.name(), range)));
            }
            out.println();
            out.flush();
            return plan.inserted() + plan.updated() + plan.deleted();
        }
    }

    private List<String> goldInputs(TableLocation table) {
        SilverTableLocations silverTables = settings.silver().tables();
        return table.equals(settings.gold().tables().dailyStoreSales())
                ? List.of(silverTables.orders().name(), silverTables.orderLines().name(), silverTables.returns().name())
                : List.of(silverTables.orders().name(), silverTables.returns().name());
    }

    private static String counts(TableRepair.Plan plan) {
        String text = plan.toString();
        return text.substring(text.indexOf(':') + 2);
    }
}
