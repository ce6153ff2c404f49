package io.eventlake.gold;

import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.table.TableLocation;
import java.math.BigDecimal;
import java.util.Map;

/** Gold tables beside a {@link SilverTestLake}, under a database of their own. */
public final class GoldTestTables {
    private GoldTestTables() {
    }

    /** Reporting in EUR; 1 USD = 0.50 EUR and 1 GBP = 2.00 EUR (round numbers to check by hand). */
    public static final FeatureSettings MONEY = new FeatureSettings("EUR",
            Map.of("USD", new BigDecimal("0.50"), "GBP", new BigDecimal("2.00")));

    public static GoldSettings settings(SilverTestLake lake, String database) {
        return new GoldSettings(lake.settings.tables(), new GoldTableLocations(
                new TableLocation(database + "_gold.daily_store_sales",
                        lake.dir().resolve("gold/daily_store_sales").toString()),
                new TableLocation(database + "_gold.customer_features",
                        lake.dir().resolve("gold/customer_features").toString()),
                new TableLocation(database + "_gold.inventory_positions",
                        lake.dir().resolve("gold/inventory_positions").toString()),
                new TableLocation(database + "_gold.inventory_alerts",
                        lake.dir().resolve("gold/inventory_alerts").toString())), MONEY);
    }
}
