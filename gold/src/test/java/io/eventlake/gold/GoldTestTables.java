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

    /** An inventory stream beside the lake, alerts to a topic nobody reads (the refreshes never start it). */
    public static io.eventlake.gold.inventory.InventoryStream inventory(SilverTestLake lake) {
        return new io.eventlake.gold.inventory.InventoryStream(new io.eventlake.gold.inventory.InventorySettings(10,
                Map.of(), "127.0.0.1:1", "unused.alerts", Map.of()),
                lake.dir().resolve("checkpoints/gold.inventory_positions").toString(), java.time.Duration.ofSeconds(1));
    }
}
