package io.eventlake.silver.fact;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.table.TableLocation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The fact tables other than payments, each from a real bronze events table through its streaming job. */
@Tag("job")
class SilverFactJobsTest {
    /** Ingest time: after every event below (bronze refuses events dated more than a day ahead of it). */
    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    private static String order(String eventId, int version, String channel) {
        return event(eventId, "order_placed", version, "2026-11-20T10:00:00+01:00",
                "{\"order_id\": \"o-" + eventId + "\", \"customer_id\": \"c-1\", \"store_id\": \"s-7\","
                        + " \"currency\": \"eur\", \"lines\": [{\"sku\": \" sku-1\", \"quantity\": 2, \"unit_price\": 9.99},"
                        + " {\"sku\": \"sku-2\", \"quantity\": 1, \"unit_price\": 0.05}]"
                        + (channel == null ? "" : ", \"channel\": \"" + channel + "\"") + "}");
    }

    private static Row byId(Dataset<Row> table, String eventId) {
        return table.where(col("event_id").equalTo(eventId)).first();
    }

    @Test
    void ordersOfBothVersionsShareOneTableAndTheirLinesAreNumbered() {
        SilverTestLake lake = new SilverTestLake("silver-orders");
        SilverRunMetrics metrics = new SilverRunMetrics();
        lake.bronze(T0, order("e-1", 1, null), order("e-2", 2, "web"), order("e-1", 1, null));
        run(new SilverOrdersJob(lake.context(metrics)), new SilverOrderLinesJob(lake.context(metrics)));
        lake.bronze(T0.plusSeconds(60), order("e-2", 2, "web"));
        run(new SilverOrdersJob(lake.context(metrics)), new SilverOrderLinesJob(lake.context(metrics)));

        Dataset<Row> orders = read(lake.settings.tables().orders());
        assertEquals(2, orders.count());
        Row v1 = byId(orders, "e-1");
        assertNull(v1.getAs(SilverOrdersTable.CHANNEL), "a version-1 order reads as version 2 with channel null");
        assertEquals("web", byId(orders, "e-2").getAs(SilverOrdersTable.CHANNEL));
        assertEquals("EUR", v1.getAs(SilverOrdersTable.CURRENCY));
        assertEquals(2, (int) v1.getAs(SilverOrdersTable.LINE_COUNT));
        assertEquals(new BigDecimal("20.03"), v1.getAs(SilverOrdersTable.ORDER_TOTAL));
        assertEquals(Date.valueOf("2026-11-20"), v1.getAs(SilverOrdersTable.EVENT_DATE), "UTC date of 10:00+01:00");
        assertEquals(new BatchMetrics(4, 2, 2, 0), metrics.totals(SilverOrdersJob.NAME));

        Dataset<Row> lines = read(lake.settings.tables().orderLines()).orderBy("event_id", "line_number");
        assertEquals(4, lines.count(), "two lines per order, each once");
        Row first = lines.first();
        assertEquals(1, (int) first.getAs(SilverOrderLinesTable.LINE_NUMBER));
        assertEquals("sku-1", first.getAs(SilverOrderLinesTable.SKU), "trimmed");
        assertEquals("s-7", first.getAs(SilverOrderLinesTable.STORE_ID));
        assertEquals(new BigDecimal("19.98"), first.getAs(SilverOrderLinesTable.LINE_AMOUNT));
        assertEquals(new BatchMetrics(8, 4, 4, 0), metrics.totals(SilverOrderLinesJob.NAME));
        assertEquals(List.of("event_date"),
                List.of(TestSparkDetail.partitionColumns(lake.settings.tables().orderLines())));
    }

    @Test
    void returnsAndInventoryMovementsAreConformedAndDeduplicated() {
        SilverTestLake lake = new SilverTestLake("silver-returns");
        SilverRunMetrics metrics = new SilverRunMetrics();
        String refund = event("r-1", "order_returned", 1, "2026-11-21T09:00:00Z", "{\"return_id\": \"ret-1\","
                + " \"order_id\": \"o-1\", \"sku\": \"sku-1\", \"quantity\": 1, \"refund_amount\": 9.99,"
                + " \"currency\": \"gbp\"}");
        String badCurrency = event("r-2", "order_returned", 1, "2026-11-21T09:00:00Z", "{\"return_id\": \"ret-2\","
                + " \"order_id\": \"o-1\", \"sku\": \"sku-1\", \"quantity\": 1, \"refund_amount\": 9.99,"
                + " \"currency\": \"XXY\"}");
        String movement = event("m-1", "inventory_adjusted", 1, "2026-11-21T09:30:00Z", "{\"store_id\": \"s-1\","
                + " \"sku\": \"sku-1\", \"quantity_delta\": -3, \"reason\": \"SALE\"}");
        lake.bronze(T0, refund, badCurrency, movement, refund, movement, movement);
        run(new SilverReturnsJob(lake.context(metrics)), new SilverInventoryMovementsJob(lake.context(metrics)));

        Row returned = read(lake.settings.tables().returns()).first();
        assertEquals("GBP", returned.getAs(SilverReturnsTable.CURRENCY));
        assertEquals(new BigDecimal("9.99"), returned.getAs(SilverReturnsTable.REFUND_AMOUNT));
        assertNull(returned.getAs(SilverReturnsTable.REASON));
        assertEquals(new BatchMetrics(2, 1, 1, 1), metrics.totals(SilverReturnsJob.NAME));
        Row moved = read(lake.settings.tables().inventoryMovements()).first();
        assertEquals(-3, (int) moved.getAs(SilverInventoryMovementsTable.QUANTITY_DELTA));
        assertEquals("SALE", moved.getAs(SilverInventoryMovementsTable.REASON));
        assertEquals(new BatchMetrics(3, 2, 1, 0), metrics.totals(SilverInventoryMovementsJob.NAME));
        assertEquals(List.of("r-2"), read(lake.settings.quarantine()).select("event_id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    @Test
    void aNewOptionalContractFieldReachesTheTableAndOldRowsReadItAsNull() throws IOException {
        SilverTestLake lake = new SilverTestLake("silver-evolve");
        Path contracts = lake.dir().resolve("contracts");
        copy(Path.of(System.getProperty("eventlake.root"), "conf", "contracts"), contracts);
        TableLocation payments = lake.settings.tables().payments();
        String v1 = event("p-1", "payment_captured", 1, "2026-11-21T09:00:00Z", "{\"payment_id\": \"pay-1\","
                + " \"order_id\": \"o-1\", \"amount\": 5.00, \"currency\": \"EUR\", \"method\": \"CASH\"}");
        lake.bronze(T0, v1);
        run(new SilverPaymentsJob(SilverTestLake.context(lake.settings, ContractRegistry.load(contracts.toString()),
                new SilverRunMetrics())));
        Dataset<Row> readerBefore = read(payments).select("event_id", "amount");

        // The producer team publishes version 2 with an optional field; events of both versions keep coming.
        String v2Contract = Files.readString(contracts.resolve("payment_captured/v1.avsc")).replace(
                "{\"name\": \"method\"", "{\"name\": \"terminal_id\", \"type\": [\"null\", \"string\"], \"default\": null},"
                        + " {\"name\": \"method\"");
        Files.writeString(contracts.resolve("payment_captured/v2.avsc"), v2Contract);
        String v2 = event("p-2", "payment_captured", 2, "2026-11-21T09:05:00Z", "{\"payment_id\": \"pay-2\","
                + " \"order_id\": \"o-2\", \"amount\": 7.50, \"currency\": \"EUR\", \"method\": \"CARD\","
                + " \"terminal_id\": \"t-9\"}");
        lake.bronzeWith(ContractRegistry.load(contracts.toString()), T0.plusSeconds(60), v2);
        run(new SilverPaymentsJob(SilverTestLake.context(lake.settings, ContractRegistry.load(contracts.toString()),
                new SilverRunMetrics())));

        Dataset<Row> table = read(payments);
        assertEquals("terminal_id", table.schema().fieldNames()[table.schema().fieldNames().length - 1],
                "the new field is added at the end");
        assertNull(byId(table, "p-1").getAs("terminal_id"));
        assertEquals("t-9", byId(table, "p-2").getAs("terminal_id"));
        assertEquals(2, readerBefore.count(), "a query defined before the change still runs");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
