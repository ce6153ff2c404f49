package io.eventlake.gold.sales;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.gold.GoldTestTables;
import io.eventlake.gold.RefreshResult;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverReturnsJob;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** gold.daily_store_sales from real silver tables, against an independent recomputation in plain SQL. */
@Tag("job")
class DailyStoreSalesJobTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private final SparkSession spark = TestSpark.session();

    private static String order(String id, String day, String store, String customer, String currency,
                                String lines) {
        return event("e-" + id, "order_placed", 1, day + "T10:00:00Z", "{\"order_id\": \"" + id + "\","
                + " \"customer_id\": \"" + customer + "\", \"store_id\": \"" + store + "\", \"currency\": \""
                + currency + "\", \"lines\": [" + lines + "]}");
    }

    private static String line(String sku, int quantity, String price) {
        return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unit_price\": " + price + "}";
    }

    private static String refund(String id, String day, String orderId, String amount, String currency) {
        return event("r-" + id, "order_returned", 1, day + "T15:00:00Z", "{\"return_id\": \"" + id + "\","
                + " \"order_id\": \"" + orderId + "\", \"sku\": \"a\", \"quantity\": 1, \"refund_amount\": "
                + amount + ", \"currency\": \"" + currency + "\"}");
    }

    /** daily_store_sales recomputed from silver in plain SQL, independently of the job's code. */
    private List<Row> expected(SilverTestLake lake) {
        read(lake.settings.tables().orders()).createOrReplaceTempView("o");
        read(lake.settings.tables().orderLines()).createOrReplaceTempView("l");
        read(lake.settings.tables().returns()).createOrReplaceTempView("r");
        return spark.sql("""
                WITH stores AS (SELECT order_id, min(store_id) AS store_id FROM o GROUP BY order_id),
                complete AS (SELECT * FROM o WHERE event_id IN (SELECT event_id FROM l)),
                placed AS (SELECT event_date, store_id, currency, count(*) AS orders,
                                  count(DISTINCT customer_id) AS customers
                           FROM complete GROUP BY event_date, store_id, currency),
                units AS (SELECT event_date, store_id, currency, sum(quantity) AS units, sum(line_amount) AS gross
                          FROM l WHERE event_id IN (SELECT event_id FROM o) GROUP BY event_date, store_id, currency),
                refunds AS (SELECT r.event_date, s.store_id, r.currency, sum(r.refund_amount) AS refunds
                            FROM r LEFT JOIN stores s ON r.order_id = s.order_id
                            GROUP BY r.event_date, s.store_id, r.currency),
                slices AS (SELECT event_date, store_id, currency FROM placed
                           UNION SELECT event_date, store_id, currency FROM units
                           UNION SELECT event_date, store_id, currency FROM refunds)
                SELECT k.event_date, k.store_id, k.currency,
                       CAST(coalesce(p.orders, 0) AS BIGINT) AS orders,
                       CAST(coalesce(u.units, 0) AS BIGINT) AS units,
                       CAST(coalesce(u.gross, 0) AS DECIMAL(18,2)) AS gross_revenue,
                       CAST(coalesce(f.refunds, 0) AS DECIMAL(18,2)) AS refunds,
                       CAST(coalesce(u.gross, 0) - coalesce(f.refunds, 0) AS DECIMAL(18,2)) AS net_revenue,
                       CAST(coalesce(p.customers, 0) AS BIGINT) AS distinct_customers,
                       CASE WHEN p.orders > 0 THEN CAST(u.gross / p.orders AS DECIMAL(18,2)) END AS avg_basket
                FROM slices k
                LEFT JOIN placed p ON k.event_date = p.event_date AND k.store_id <=> p.store_id
                                  AND k.currency = p.currency
                LEFT JOIN units u ON k.event_date = u.event_date AND k.store_id <=> u.store_id
                                 AND k.currency = u.currency
                LEFT JOIN refunds f ON k.event_date = f.event_date AND k.store_id <=> f.store_id
                                   AND k.currency = f.currency
                ORDER BY event_date, store_id, currency
                """).collectAsList();
    }

    private static List<Row> actual(TableLocation table) {
        return read(table).orderBy("event_date", "store_id", "currency").collectAsList();
    }

    private static void silver(SilverTestLake lake) {
        SilverContext context = lake.context(new SilverRunMetrics());
        run(new SilverOrdersJob(context), new SilverOrderLinesJob(context), new SilverReturnsJob(context));
    }

    private static Set<Row> difference(List<Row> a, List<Row> b) {
        Set<Row> only = new HashSet<>(a);
        b.forEach(only::remove);
        return only;
    }

    @Test
    void equalsThePlainSqlRecomputationAndALateEventChangesExactlyItsDay() {
        SilverTestLake lake = new SilverTestLake("gold-sales");
        lake.bronze(T0,
                order("o1", "2026-11-18", "s-1", "c-1", "EUR", line("a", 2, "10.00") + "," + line("b", 1, "5.50")),
                order("o2", "2026-11-18", "s-1", "c-2", "EUR", line("a", 1, "10.00")),
                order("o3", "2026-11-18", "s-1", "c-1", "USD", line("c", 3, "1.99")),
                order("o4", "2026-11-18", "s-2", "c-3", "EUR", line("a", 1, "10.00")),
                order("o5", "2026-11-19", "s-1", "c-1", "EUR", line("b", 4, "5.50")),
                refund("x1", "2026-11-19", "o1", "10.00", "EUR"),
                refund("x2", "2026-11-19", "o-unknown", "7.25", "GBP"));
        silver(lake);
        TableLocation table = GoldTestTables.settings(lake, "gold_sales").tables().dailyStoreSales();
        DailyStoreSalesJob job = new DailyStoreSalesJob(GoldTestTables.settings(lake, "gold_sales"));

        RefreshResult first = job.refresh(spark, false);
        assertTrue(first.full(), first.toString());
        List<Row> before = actual(table);
        assertEquals(expected(lake), before, "every row, every column");
        assertEquals(5, before.size(), "4 slices of orders on the 18th and 19th, 1 of a refund of an unknown order");
        Row s1 = before.get(0);
        assertEquals("2026-11-18 s-1 EUR 2 4 35.50 0.00 35.50 2 17.75", s1.mkString(" "));

        // A late order for the 18th, s-1, EUR arrives days later: only that row changes.
        lake.bronze(T0.plusSeconds(3 * 86_400),
                order("o6", "2026-11-18", "s-1", "c-9", "EUR", line("z", 1, "4.50")));
        silver(lake);
        RefreshResult late = job.refresh(spark, false);
        assertFalse(late.full(), late.toString());
        assertEquals(1, late.slices(), late.toString());
        List<Row> after = actual(table);
        assertEquals(expected(lake), after);
        assertEquals(Set.of(after.get(0)), difference(after, before), "only the 18th/s-1/EUR row is new");
        assertEquals("2026-11-18 s-1 EUR 3 5 40.00 0.00 40.00 3 13.33", after.get(0).mkString(" "));

        // The order of the orphan refund arrives: the refund moves from the store-less slice to its store.
        lake.bronze(T0.plusSeconds(4 * 86_400),
                order("o-unknown", "2026-11-17", "s-2", "c-4", "GBP", line("q", 1, "7.25")));
        silver(lake);
        RefreshResult moved = job.refresh(spark, false);
        assertEquals(new ArrayList<>(expected(lake)), actual(table));
        assertEquals(1, moved.deleted(), "the store-less slice is gone: " + moved);
        assertTrue(actual(table).stream().noneMatch(r -> r.isNullAt(1)));

        // Nothing new in silver: the refresh does nothing, not even a commit.
        long version = DeltaCommits.currentVersion(spark, table);
        List<Row> settled = actual(table);
        RefreshResult again = job.refresh(spark, false);
        assertEquals(0, again.slices());
        assertEquals(version, DeltaCommits.currentVersion(spark, table));
        // A forced full recompute gives the identical table.
        job.refresh(spark, true);
        assertEquals(settled, actual(table));

        // Silver's order stream is ahead of its lines stream: the order counts only once its lines are there, so
        // orders, units and revenue of a slice always come from the same events.
        lake.bronze(T0.plusSeconds(5 * 86_400),
                order("o7", "2026-11-19", "s-1", "c-7", "EUR", line("b", 6, "5.50")));
        run(new SilverOrdersJob(lake.context(new SilverRunMetrics())));
        job.refresh(spark, false);
        assertEquals(settled, actual(table), "an order without its lines yet changes nothing (not 1 order, 0 units)");
        assertEquals(expected(lake), actual(table));

        // A compaction of silver moves its version without changing its data: nothing recomputed or written.
        long silverBefore = DeltaCommits.currentVersion(spark, lake.settings.tables().orderLines());
        spark.sql("OPTIMIZE delta.`" + lake.settings.tables().orderLines().path() + "`");
        assertTrue(DeltaCommits.currentVersion(spark, lake.settings.tables().orderLines()) > silverBefore,
                "the compaction committed");
        long goldBefore = DeltaCommits.currentVersion(spark, table);
        RefreshResult compacted = job.refresh(spark, false);
        assertEquals(0, compacted.slices(), compacted.toString());
        assertEquals(goldBefore, DeltaCommits.currentVersion(spark, table));
        assertEquals(expected(lake), actual(table));
    }
}
