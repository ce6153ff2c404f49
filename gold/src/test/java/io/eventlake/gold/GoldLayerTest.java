package io.eventlake.gold;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.Level;
import io.eventlake.quality.QualityGates;
import io.eventlake.quality.Rule;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverReturnsJob;
import io.eventlake.testing.TestSpark;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Write-audit-publish over every gold table: one table's failed audit leaves the others refreshed. */
@Tag("job")
class GoldLayerTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void aFailedAuditOfOneTableRestoresItAndStillRefreshesTheOthers() {
        SilverTestLake lake = new SilverTestLake("gold-layer");
        lake.bronze(T0, event("e-1", "order_placed", 1, "2026-11-19T10:00:00Z", "{\"order_id\": \"o-1\","
                + " \"customer_id\": \"c-1\", \"store_id\": \"s-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"a\","
                + " \"quantity\": 1, \"unit_price\": 9999999.00}]}"));
        SilverContext context = lake.context(new SilverRunMetrics());
        run(new SilverOrdersJob(context), new SilverOrderLinesJob(context), new SilverReturnsJob(context));
        GoldSettings settings = GoldTestTables.settings(lake, "gold_layer");
        QualityGates quality = SilverTestLake.quality(lake.settings).with(new Gate(
                settings.tables().dailyStoreSales().name(), List.of(new Rule("daily_revenue_plausible", Level.BLOCK,
                        new Constraint.Range("gross_revenue", 0, 1_000_000)))));

        GoldLayer.Refreshed refreshed = new GoldLayer(settings, quality, GoldTestTables.inventory(lake))
                .refresh(TestSpark.session(), false);

        assertEquals(1, refreshed.failedAudits().size());
        assertEquals(ErrorCode.AUDIT_FAILED, refreshed.failedAudits().get(0).code());
        assertEquals(List.of(settings.tables().customerFeatures().name()),
                refreshed.results().stream().map(RefreshResult::table).toList(), "features published anyway");
        assertEquals(0, read(settings.tables().dailyStoreSales()).count(), "sales restored to its empty version");
        assertEquals(1, read(settings.tables().customerFeatures()).count(), "c-1 on the day after its order");
        LakeException thrown = assertThrows(LakeException.class, refreshed::throwIfFailed);
        assertEquals(ErrorCode.AUDIT_FAILED, thrown.code());
    }
}
