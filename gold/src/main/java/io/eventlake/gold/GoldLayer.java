package io.eventlake.gold;

import io.eventlake.gold.features.CustomerFeaturesJob;
import io.eventlake.gold.sales.DailyStoreSalesJob;
import io.eventlake.quality.GateResult;
import io.eventlake.quality.QualityGates;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Gold's batch refreshes, one per table, run in order, each written, audited and only then published
 * (write-audit-publish): the version a refresh wrote is checked against the table's quality gate by time travel;
 * when a block rule fails the table is restored to the version before the refresh and the refresh fails with
 * {@code AUDIT_FAILED}. Each refresh is incremental and idempotent.
 */
public final class GoldLayer {
    private final GoldSettings settings;
    private final QualityGates quality;
    private final DailyStoreSalesJob dailyStoreSales;
    private final CustomerFeaturesJob customerFeatures;

    public GoldLayer(GoldSettings settings, QualityGates quality) {
        this.settings = settings;
        this.quality = quality;
        this.dailyStoreSales = new DailyStoreSalesJob(settings);
        this.customerFeatures = new CustomerFeaturesJob(settings);
    }

    /** Brings every gold table up to date with silver; {@code full} recomputes instead of refreshing. */
    public List<RefreshResult> refresh(SparkSession spark, boolean full) {
        RefreshResult sales = audited(spark, settings.tables().dailyStoreSales(),
                () -> dailyStoreSales.refresh(spark, full));
        RefreshResult features = audited(spark, settings.tables().customerFeatures(),
                () -> customerFeatures.refresh(spark, full));
        return List.of(sales, features);
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
