package io.eventlake.gold.features;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTestTables;
import io.eventlake.gold.RefreshResult;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverReturnsJob;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** gold.customer_features from real silver tables: values by hand, and no leakage from the future. */
@Tag("job")
class CustomerFeaturesJobTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String order(String id, String customer, String at, String price, String currency) {
        return event("e-" + id, "order_placed", 1, at, "{\"order_id\": \"" + id + "\", \"customer_id\": \""
                + customer + "\", \"store_id\": \"s-1\", \"currency\": \"" + currency + "\", \"lines\": [{\"sku\":"
                + " \"a\", \"quantity\": 1, \"unit_price\": " + price + "}]}");
    }

    private static String refund(String id, String orderId, String at) {
        return event("r-" + id, "order_returned", 1, at, "{\"return_id\": \"" + id + "\", \"order_id\": \""
                + orderId + "\", \"sku\": \"a\", \"quantity\": 1, \"refund_amount\": 1.00, \"currency\": \"EUR\"}");
    }

    private static void silver(SilverTestLake lake) {
        SilverContext context = lake.context(new SilverRunMetrics());
        run(new SilverOrdersJob(context), new SilverReturnsJob(context));
    }

    /** "customer date: orders_7d orders_30d spend_30d avg_basket_30d return_rate_90d days_since_last_order". */
    private static List<String> rows(TableLocation table, String upToDate) {
        return read(table).where(col("feature_date").leq(upToDate)).orderBy("customer_id", "feature_date")
                .collectAsList().stream().map(Row::toString).collect(Collectors.toList());
    }

    @Test
    void featuresUseOnlyEventsBeforeTheirDate() {
        SilverTestLake lake = new SilverTestLake("gold-features");
        GoldSettings settings = GoldTestTables.settings(lake, "gold_features");
        TableLocation table = settings.tables().customerFeatures();
        lake.bronze(T0,
                order("o1", "c-1", "2026-11-10T10:00:00Z", "100.00", "EUR"),
                order("o2", "c-1", "2026-11-12T09:00:00Z", "50.00", "USD"),
                refund("x1", "o1", "2026-11-12T12:00:00Z"),
                order("o3", "c-2", "2026-11-12T23:59:59Z", "10.00", "GBP"));
        silver(lake);
        CustomerFeaturesJob job = new CustomerFeaturesJob(settings);
        job.refresh(TestSpark.session(), false);

        List<String> before = rows(table, "2026-11-13");
        assertEquals(List.of(
                "[c-1,2026-11-11,1,1,100.00,100.00,0.0,1]",
                "[c-1,2026-11-12,1,1,100.00,100.00,0.0,2]",
                "[c-1,2026-11-13,2,2,125.00,62.50,0.5,1]",
                "[c-2,2026-11-13,1,1,20.00,20.00,0.0,1]"), before,
                "o2 (50 USD = 25 EUR) and the return count from the 13th; c-2 from the day after its first order");

        // Events at the very start of the 12th and later must not change any feature dated up to the 12th.
        lake.bronze(T0.plusSeconds(60),
                order("o4", "c-1", "2026-11-12T00:00:00Z", "999.00", "EUR"),
                order("o5", "c-2", "2026-11-11T23:59:59.999Z", "1.00", "EUR"),
                refund("x2", "o2", "2026-11-14T08:00:00Z"));
        silver(lake);
        job.refresh(TestSpark.session(), false);

        List<String> after = rows(table, "2026-11-12");
        assertEquals(before.subList(0, 2).get(0), after.get(0), "the 11th of c-1 is untouched");
        assertEquals("[c-1,2026-11-12,1,1,100.00,100.00,0.0,2]", after.get(1),
                "an order at 00:00 on the 12th is not before the 12th");
        assertEquals("[c-2,2026-11-12,1,1,1.00,1.00,0.0,1]", after.get(2),
                "c-2 now has an order before the 12th, 1 ms before");
        assertTrue(rows(table, "2026-11-13").contains("[c-1,2026-11-13,3,3,1124.00,374.67,0.3333333333333333,1]"),
                rows(table, "2026-11-13").toString());
    }

    @Test
    void aCurrencyWithoutAnExchangeRateIsRefusedNamingIt() {
        SilverTestLake lake = new SilverTestLake("gold-features-fx");
        lake.bronze(T0, order("o1", "c-1", "2026-11-10T10:00:00Z", "100.00", "JPY"));
        silver(lake);

        LakeException error = assertThrows(LakeException.class, () -> new CustomerFeaturesJob(
                GoldTestTables.settings(lake, "gold_features_fx")).refresh(TestSpark.session(), false));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("JPY") && error.getMessage().contains(CustomerFeaturesJob.RATES_KEY),
                error.getMessage());
    }

    /** The table recomputed whole from silver as it is now, sorted like {@link #all}. */
    private static List<String> recomputed(GoldSettings settings) {
        return CustomerFeatures.features(CustomerFeatures.activity(read(settings.silver().orders()),
                        read(settings.silver().returns()), settings.features()))
                .orderBy("customer_id", "feature_date").collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> all(TableLocation table) {
        return read(table).orderBy("customer_id", "feature_date").collectAsList().stream().map(Row::toString)
                .toList();
    }

    @Test
    void anIncrementalRefreshRecomputesOnlyWhatChangesAndEqualsARewrite() {
        SilverTestLake lake = new SilverTestLake("gold-features-incremental");
        GoldSettings settings = GoldTestTables.settings(lake, "gold_features_incremental");
        TableLocation table = settings.tables().customerFeatures();
        CustomerFeaturesJob job = new CustomerFeaturesJob(settings);
        lake.bronze(T0,
                order("o1", "c-1", "2026-11-01T10:00:00Z", "100.00", "EUR"),
                order("o2", "c-2", "2026-11-03T10:00:00Z", "20.00", "EUR"),
                order("o3", "c-3", "2026-11-05T10:00:00Z", "30.00", "EUR"),
                refund("x0", "o-later", "2026-11-05T12:00:00Z"));
        silver(lake);
        assertTrue(job.refresh(TestSpark.session(), false).full(), "the first refresh writes the table");
        assertEquals(recomputed(settings), all(table));

        // A late order of c-1 on the 2nd: c-1's rows from the 3rd change, nobody else's, and no date is added.
        lake.bronze(T0.plusSeconds(60), order("o4", "c-1", "2026-11-02T10:00:00Z", "50.00", "EUR"));
        silver(lake);
        List<String> before = all(table);
        RefreshResult late = job.refresh(TestSpark.session(), false);
        assertFalse(late.full(), late.toString());
        assertEquals(recomputed(settings), all(table));
        assertEquals(late.updated(), late.slices(), "only c-1's rows were recomputed: " + late);
        assertEquals(before.stream().filter(r -> !r.startsWith("[c-1,")).toList(),
                all(table).stream().filter(r -> !r.startsWith("[c-1,")).toList(), "the others are untouched");

        // A new day (the last order of all moves): every customer's newest date enters; a return of o2 and the
        // order of the orphan return (placed by c-4 on the 4th, returned on the 5th) arrive too.
        lake.bronze(T0.plusSeconds(120),
                order("o5", "c-2", "2026-11-07T10:00:00Z", "70.00", "USD"),
                refund("x1", "o2", "2026-11-06T09:00:00Z"),
                order("o-later", "c-4", "2026-11-04T10:00:00Z", "10.00", "EUR"));
        silver(lake);
        RefreshResult day = job.refresh(TestSpark.session(), false);
        assertFalse(day.full(), day.toString());
        assertEquals(recomputed(settings), all(table), "equal to a rewrite after a new day, a return and an order");
        assertTrue(day.inserted() > 0, day.toString());

        // Nothing new: nothing recomputed, nothing committed.
        assertEquals(0, job.refresh(TestSpark.session(), false).slices());
    }
}
