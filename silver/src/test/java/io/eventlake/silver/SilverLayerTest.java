package io.eventlake.silver;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.table.TableLocation;
import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestSpark;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Every silver job together over one bronze table holding every event type. */
@Tag("job")
class SilverLayerTest {
    /** Ingest time: after every event below (bronze refuses events dated more than a day ahead of it). */
    private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    private static final List<String> PERSONAL = List.of("ada@example.com", "Ada L", "+44 20 7946 0000",
            "grace@example.com", "Grace Hopper", "bad.country@example.com");

    private static List<String> allEventTypes() {
        return List.of(
                SampleEvents.json(SampleEvents.orderPlaced("o-1")),
                SampleEvents.json(SampleEvents.customerUpdatedV2("c-1")),
                event("c-2", "customer_updated", 1, "2026-11-20T11:00:00Z", "{\"customer_id\": \"c-2\","
                        + " \"email\": \"grace@example.com\", \"full_name\": \"Grace Hopper\", \"country\": \"US\"}"),
                event("c-3", "customer_updated", 1, "2026-11-20T11:00:00Z", "{\"customer_id\": \"c-3\","
                        + " \"email\": \"bad.country@example.com\", \"full_name\": \"X\", \"country\": \"XQ\"}"),
                event("p-1", "payment_captured", 1, "2026-11-20T11:05:00Z", "{\"payment_id\": \"pay-1\","
                        + " \"order_id\": \"o-1\", \"amount\": 19.98, \"currency\": \"EUR\", \"method\": \"CARD\"}"),
                event("r-1", "order_returned", 1, "2026-11-21T09:00:00Z", "{\"return_id\": \"ret-1\","
                        + " \"order_id\": \"o-1\", \"sku\": \"sku-1\", \"quantity\": 1, \"refund_amount\": 9.99,"
                        + " \"currency\": \"EUR\", \"reason\": \"damaged\"}"),
                event("m-1", "inventory_adjusted", 1, "2026-11-21T09:30:00Z", "{\"store_id\": \"s-1\","
                        + " \"sku\": \"sku-1\", \"quantity_delta\": 12, \"reason\": \"RESTOCK\"}"));
    }

    private static Map<String, List<Row>> contents(SilverTableLocations tables) {
        Map<String, List<Row>> contents = new TreeMap<>();
        for (TableLocation table : all(tables)) {
            Dataset<Row> rows = read(table);
            contents.put(table.name(), rows.orderBy(rows.columns()[0], rows.columns()).collectAsList());
        }
        return contents;
    }

    private static List<TableLocation> all(SilverTableLocations t) {
        return List.of(t.orders(), t.orderLines(), t.payments(), t.returns(), t.inventoryMovements(), t.customers(),
                t.customersCurrent(), t.quarantine());
    }

    @Test
    void noRawPersonalValueReachesAnySilverTableAndReRunningChangesNothing() {
        SilverTestLake lake = new SilverTestLake("silver-layer");
        List<String> events = allEventTypes();
        lake.bronze(T0, events.toArray(String[]::new));
        lake.bronze(T0.plusSeconds(60), events.toArray(String[]::new)); // every event delivered twice
        SilverRunMetrics metrics = new SilverRunMetrics();
        new SilverLayer(lake.context(metrics)).runAvailableNow(TestSpark.session());

        assertEquals(7, metrics.all().size(), "every job ran: " + metrics.all());
        for (TableLocation table : all(lake.settings.tables())) {
            Dataset<Row> rows = read(table);
            assertTrue(rows.count() > 0, table.name() + " is empty");
            for (StructField field : rows.schema().fields()) {
                if (!field.dataType().equals(DataTypes.StringType)) {
                    continue;
                }
                for (String value : rows.select(field.name()).as(Encoders.STRING()).collectAsList()) {
                    for (String raw : PERSONAL) {
                        assertFalse(value != null && value.contains(raw),
                                table.name() + "." + field.name() + " holds the raw value '" + raw + "'");
                    }
                }
            }
        }
        assertTrue(new String((byte[]) read(lake.events).where("event_id = 'c-2'").first().getAs("value"),
                java.nio.charset.StandardCharsets.UTF_8).contains("grace@example.com"),
                "the raw values are in bronze, so the scan above could have found them");
        Row rejected = read(lake.settings.quarantine()).where("target_table LIKE '%customers'").first();
        assertEquals("c-3", rejected.getAs("event_id"));

        // The same bronze range again, from fresh checkpoints: every table stays identical.
        Map<String, List<Row>> before = contents(lake.settings.tables());
        new SilverLayer(SilverTestLake.context(lake.withCheckpoints("checkpoints-rerun"), SilverTestLake.CONTRACTS,
                new SilverRunMetrics())).runAvailableNow(TestSpark.session());
        assertEquals(before, contents(lake.settings.tables()));
    }
}
