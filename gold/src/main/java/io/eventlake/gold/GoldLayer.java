package io.eventlake.gold;

import io.eventlake.gold.features.CustomerFeaturesJob;
import io.eventlake.gold.sales.DailyStoreSalesJob;
import io.eventlake.quality.GateResult;
import io.eventlake.quality.QualityGates;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableRepair;
import io.eventlake.table.TableLocation;
import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.util.ArrayList;
import io.eventlake.gold.inventory.AlertSink;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.InventoryStream;
import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQuery;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Gold: its batch refreshes and its operational path. The refreshes, one per table, run in order, each written, audited and only then published
 * (write-audit-publish): the version a refresh wrote is checked against the table's quality gate by time travel;
 * when a block rule fails the table is restored to the version before the refresh and the refresh fails with
 * {@code AUDIT_FAILED}. A failed audit of one table does not stop the others: every table is refreshed, and the
 * failures come back with the results ({@link Refreshed#throwIfFailed}). Each refresh is incremental and idempotent.
 * The operational path ({@link #inventory}, {@link #refreshInventory}) streams silver's movements and order lines
 * into inventory positions and low-stock alerts, with its own checkpoint and trigger.
 */
public final class GoldLayer {
    /** Every table gold writes, for the lake's catalog. */
    public static final List<io.eventlake.table.TableSpec> TABLES = List.of(
            io.eventlake.gold.sales.DailyStoreSalesTable.SPEC, io.eventlake.gold.features.CustomerFeaturesTable.SPEC,
            io.eventlake.gold.inventory.InventoryPositionsTable.SPEC,
            io.eventlake.gold.inventory.InventoryAlertsTable.SPEC);

    /** The tables gold's quality gates guard (the refreshed ones, audited before they are published). */
    public static final List<io.eventlake.table.TableSpec> GUARDED = List.of(
            io.eventlake.gold.sales.DailyStoreSalesTable.SPEC, io.eventlake.gold.features.CustomerFeaturesTable.SPEC);

    /** The tables of the operational path (positions and alerts), written by {@link #inventory} only. */
    public static final List<io.eventlake.table.TableSpec> OPERATIONAL = List.of(
            io.eventlake.gold.inventory.InventoryPositionsTable.SPEC,
            io.eventlake.gold.inventory.InventoryAlertsTable.SPEC);

    private final GoldSettings settings;
    private final QualityGates quality;
    private final InventoryStream inventory;
    private final DailyStoreSalesJob dailyStoreSales;
    private final CustomerFeaturesJob customerFeatures;

    /**
     * @param settings  the silver tables gold reads and the gold tables
     * @param quality   the gates that audit each refresh
     * @param inventory the operational path's stream: thresholds, checkpoint and trigger
     */
    public GoldLayer(GoldSettings settings, QualityGates quality, InventoryStream inventory) {
        this.settings = settings;
        this.quality = quality;
        this.inventory = inventory;
        this.dailyStoreSales = new DailyStoreSalesJob(settings);
        this.customerFeatures = new CustomerFeaturesJob(settings);
    }

    /** The operational path, its alerts going to {@code alerts}: start it continuous beside the other layers. */
    public InventoryPositionsJob inventory(AlertSink alerts) {
        return new InventoryPositionsJob(settings, inventory.settings(), alerts, inventory.checkpoint(),
                inventory.triggerInterval());
    }

    /**
     * Brings {@code gold.inventory_positions} up to date with what silver holds now, raising low-stock alerts to
     * {@code alerts}, and returns how many it raised. Incremental and idempotent (a Delta stream with its checkpoint).
     */
    public long refreshInventory(SparkSession spark, AlertSink alerts) {
        InventoryPositionsJob job = inventory(alerts);
        StreamingQuery query = job.start(spark, StreamMode.AVAILABLE_NOW);
        Queries.await(query, InventoryPositionsJob.NAME, inventory.checkpoint());
        return job.alertsRaised();
    }

    /**
     * What a refresh of every table did: the results of the tables published, and the audits that failed (those
     * tables were restored to their last good version).
     */
    public record Refreshed(List<RefreshResult> results, List<LakeException> failedAudits) {
        public Refreshed {
            results = List.copyOf(results);
            failedAudits = List.copyOf(failedAudits);
        }

        /** Throws the first failed audit (the others suppressed in it); returns the results when none failed. */
        public List<RefreshResult> throwIfFailed() {
            if (failedAudits.isEmpty()) {
                return results;
            }
            LakeException first = failedAudits.get(0);
            failedAudits.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Brings every gold table up to date with silver; {@code full} recomputes instead of refreshing. A table whose
     * audit fails is restored and reported in {@link Refreshed#failedAudits}; the other tables are still refreshed.
     */
    public Refreshed refresh(SparkSession spark, boolean full) {
        List<RefreshResult> results = new ArrayList<>();
        List<LakeException> failed = new ArrayList<>();
        for (Map.Entry<TableLocation, Supplier<RefreshResult>> table : List.<Map.Entry<TableLocation,
                Supplier<RefreshResult>>>of(
                Map.entry(settings.tables().dailyStoreSales(), () -> dailyStoreSales.refresh(spark, full)),
                Map.entry(settings.tables().customerFeatures(), () -> customerFeatures.refresh(spark, full)))) {
            try {
                results.add(audited(spark, table.getKey(), table.getValue()));
            } catch (LakeException e) {
                if (e.code() != ErrorCode.AUDIT_FAILED) {
                    throw e;
                }
                failed.add(e);
            }
        }
        return new Refreshed(results, failed);
    }

    /** The gold tables a backfill rebuilds (the refreshed ones; the operational path is a stream of its own). */
    public List<TableLocation> backfillTables() {
        return List.of(settings.tables().dailyStoreSales(), settings.tables().customerFeatures());
    }

    /**
     * Plans the backfill of one of {@link #backfillTables}: its rows of the days {@code range} touches, recomputed
     * from silver as it is now, against those it holds. Writes nothing.
     */
    public TableRepair.Plan planBackfill(SparkSession spark, TableLocation table, EventTimeRange range) {
        if (table.equals(settings.tables().dailyStoreSales())) {
            return dailyStoreSales.planBackfill(spark, range);
        }
        if (table.equals(settings.tables().customerFeatures())) {
            return customerFeatures.planBackfill(spark, range);
        }
        throw new IllegalArgumentException("not a gold table a backfill rebuilds: " + table.name());
    }

    /**
     * Applies a {@link #planBackfill} in one tagged MERGE, written, audited and only then published as a refresh
     * is (a failed audit restores the table and throws {@code AUDIT_FAILED}). Returns the audit's outcome.
     */
    public String applyBackfill(SparkSession spark, TableRepair.Plan plan, CommitTag.Backfill tag) {
        TableLocation table = plan.table();
        if (plan.isEmpty()) {
            return "not audited";
        }
        long before = DeltaCommits.currentVersion(spark, table);
        if (!quality.gate(table.name()).isEmpty()) {
            quality.ensureResultsTable(spark);
        }
        if (table.equals(settings.tables().dailyStoreSales())) {
            dailyStoreSales.applyBackfill(spark, plan, tag);
        } else {
            customerFeatures.applyBackfill(spark, plan, tag);
        }
        long written = DeltaCommits.currentVersion(spark, table);
        return quality.audit(spark, table, before, written).map(GateResult::summary)
                .map(s -> s + " (version " + written + ")").orElse("not audited");
    }

    private RefreshResult audited(SparkSession spark, TableLocation table, Supplier<RefreshResult> refresh) {
        // a table created by this refresh starts at version 0 (its empty creation): that is what a failed audit restores
        long before = DeltaTables.exists(spark, table) ? DeltaCommits.currentVersion(spark, table) : 0;
        if (!quality.gate(table.name()).isEmpty()) {
            quality.ensureResultsTable(spark);
        }
        RefreshResult result = refresh.get();
        long written = DeltaCommits.currentVersion(spark, table);
        return result.withAudit(quality.audit(spark, table, before, written)
                .map(GateResult::summary).map(s -> s + " (version " + written + ")").orElse("not audited"));
    }
}
