package io.eventlake.gold.sales;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pure rewrite of the touched days: which slices are replaced, kept, added and dropped. */
@Tag("unit")
class DailyStoreSalesTest {
    private static final Date DAY = Date.valueOf("2026-11-18");

    private static Row slice(String store, String currency) {
        return RowFactory.create(DAY, store, currency);
    }

    private static Row sales(String store, String currency, long orders) {
        BigDecimal money = BigDecimal.valueOf(orders * 10, 0).setScale(2);
        return RowFactory.create(DAY, store, currency, orders, orders, money, BigDecimal.ZERO.setScale(2), money,
                orders, orders == 0 ? null : BigDecimal.TEN.setScale(2));
    }

    private static Set<String> stores(List<Row> rows) {
        return rows.stream().map(r -> r.get(1) + "/" + r.get(2) + "/" + r.get(3)).collect(Collectors.toSet());
    }

    @Test
    void replacesTheAffectedSlicesAndKeepsTheOthersOfTheirDays() {
        List<Row> held = List.of(sales("s-1", "EUR", 2), sales("s-2", "EUR", 1), sales("s-3", "EUR", 5),
                sales(null, "GBP", 0));
        List<Row> affected = List.of(slice("s-1", "EUR"), slice("s-3", "EUR"), slice("s-4", "USD"),
                slice(null, "GBP"));
        // s-1 changed, s-3 recomputed to the same values, s-4 is new, the store-less refund slice is now empty.
        List<Row> fresh = List.of(sales("s-1", "EUR", 3), sales("s-3", "EUR", 5), sales("s-4", "USD", 1));

        DailyStoreSales.DaysRewrite rewrite = DailyStoreSales.rewrite(affected, fresh, held);

        assertEquals(Set.of("s-1/EUR/3", "s-2/EUR/1", "s-3/EUR/5", "s-4/USD/1"), stores(rewrite.rows()),
                "s-2 was not affected and stays as it was");
        assertEquals(1, rewrite.inserted());
        assertEquals(1, rewrite.updated(), "s-3 recomputed to the same values is not an update");
        assertEquals(1, rewrite.deleted());
    }
}
