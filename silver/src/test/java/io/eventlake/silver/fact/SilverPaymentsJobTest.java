package io.eventlake.silver.fact;

import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** silver.payments from a real bronze events table, through the streaming job. */
@Tag("job")
class SilverPaymentsJobTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String payment(String eventId, String paymentId, String currency) {
        return SilverTestLake.event(eventId, "payment_captured", 1, "2026-11-19T23:30:00Z", "{\"payment_id\": \""
                + paymentId + "\", \"order_id\": \"o-1\", \"amount\": 19.98, \"currency\": \"" + currency
                + "\", \"method\": \"CARD\"}");
    }

    private static List<String> eventIds(TableLocation payments) {
        return read(payments).select("event_id").orderBy("event_id").as(Encoders.STRING()).collectAsList();
    }

    @Test
    void anEventDeliveredThreeTimesGivesOneRowAndReRunsChangeNothing() {
        SilverTestLake lake = new SilverTestLake("silver-payments");
        TableLocation payments = lake.settings.tables().payments();
        SilverRunMetrics metrics = new SilverRunMetrics();
        SilverPaymentsJob job = new SilverPaymentsJob(lake.context(metrics));

        // Same batch: e-1 twice; plus a non-conforming payment, an order and a malformed record (not payments).
        lake.bronze(T0, payment("e-1", "pay-1", "EUR"), payment("e-1", "pay-1", "EUR"),
                payment("e-2", "pay-2", " usd "), payment("e-3", "pay-3", "ZZZ"),
                SampleEvents.json(SampleEvents.orderPlaced("o-9")), "{broken");
        run(job);
        assertEquals(List.of("e-1", "e-2"), eventIds(payments));
        assertEquals(new BatchMetrics(3, 1, 2, 1), metrics.totals(SilverPaymentsJob.NAME),
                "3 conforming rows, the repeat of e-1 dropped, 2 written, e-3 quarantined");
        Row quarantined = read(lake.settings.quarantine()).first();
        assertEquals("e-3", quarantined.getAs("event_id"));
        assertEquals(List.of("invalid_currency:currency"),
                quarantined.getList(quarantined.fieldIndex("conformance_reasons")));
        assertEquals(payments.name(), quarantined.getAs("target_table"));

        // The next batch, then days later, and once with an ingest time before all others (a clock stepped back):
        // e-1 again each time; e-4 and e-5 are new and must land whatever their ingest time.
        lake.bronze(T0.plusSeconds(600), payment("e-1", "pay-1", "EUR"));
        run(job);
        lake.bronze(T0.plus(Duration.ofDays(3)), payment("e-1", "pay-1", "EUR"), payment("e-4", "pay-4", "GBP"));
        run(job);
        // (an hour back: a Kafka timestamp more than a day before the event's own time would be implausible_time)
        lake.bronze(T0.minus(Duration.ofHours(1)), payment("e-1", "pay-1", "EUR"), payment("e-5", "pay-5", "EUR"));
        run(job);

        assertEquals(List.of("e-1", "e-2", "e-4", "e-5"), eventIds(payments),
                "e-1 once, whatever the delay; nothing lost to a clock");
        assertEquals(new BatchMetrics(8, 4, 4, 1), metrics.totals(SilverPaymentsJob.NAME),
                "every repeat of e-1 counted as a duplicate");
        Row usd = read(payments).where(col("event_id").equalTo("e-2")).first();
        assertEquals("USD", usd.getAs("currency"));
        assertEquals(java.sql.Date.valueOf("2026-11-19"), usd.getAs("event_date"));
        assertEquals(List.of(SilverPaymentsTable.SCHEMA.fieldNames()), List.of(read(payments).schema().fieldNames()));
        assertEquals(List.of("event_date"), List.of(TestSparkDetail.partitionColumns(payments)));

        // The same bronze range again, from a fresh checkpoint: the table stays identical.
        List<Row> expected = read(payments).orderBy("event_id").collectAsList();
        run(new SilverPaymentsJob(SilverTestLake.context(lake.withCheckpoints("checkpoints-rerun"),
                SilverTestLake.CONTRACTS, new SilverRunMetrics())));
        assertEquals(expected, read(payments).orderBy("event_id").collectAsList());
    }
}
