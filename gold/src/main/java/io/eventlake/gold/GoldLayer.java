package io.eventlake.gold;

import io.eventlake.gold.features.CustomerFeaturesJob;
import io.eventlake.gold.sales.DailyStoreSalesJob;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Gold's batch refreshes, one per table, run in order. Each is incremental and idempotent. */
public final class GoldLayer {
    private final DailyStoreSalesJob dailyStoreSales;
    private final CustomerFeaturesJob customerFeatures;

    public GoldLayer(GoldSettings settings) {
        this.dailyStoreSales = new DailyStoreSalesJob(settings);
        this.customerFeatures = new CustomerFeaturesJob(settings);
    }

    /** Brings every gold table up to date with silver; {@code full} recomputes instead of refreshing. */
    public List<RefreshResult> refresh(SparkSession spark, boolean full) {
        return List.of(dailyStoreSales.refresh(spark, full), customerFeatures.refresh(spark, full));
    }
}
