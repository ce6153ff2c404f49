package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.bronze.StreamMode;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.bronze.validate.EventValidator;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** silver.payments from a real bronze events table, through the streaming job. */
class SilverPaymentsJobTest {
    private static final ContractRegistry CONTRACTS = ContractRegistry.load(ContractRegistry.CLASSPATH);
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final StructType KAFKA = new StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());

    private final SparkSession spark = TestSpark.session();
    private final AtomicLong offsets = new AtomicLong();

    private static String payment(String eventId, String paymentId, String currency) {
        return "{\"event_id\": \"" + eventId + "\", \"event_type\": \"payment_captured\", \"schema_version\": 1,"
                + " \"occurred_at\": \"2026-11-19T23:30:00Z\", \"producer\": \"pos\", \"payload\": {\"payment_id\": \""
                + paymentId + "\", \"order_id\": \"o-1\", \"amount\": 19.98, \"currency\": \"" + currency
                + "\", \"method\": \"CARD\"}}";
    }

    /** Appends raw records to the bronze events table as the bronze job would, ingested at {@code at}. */
    private void bronze(TableLocation events, Instant at, String... values) {
        List<Row> rows = new ArrayList<>();
        for (String value : values) {
            rows.add(RowFactory.create(null, value.getBytes(StandardCharsets.UTF_8), "retail.events", 0,
                    offsets.getAndIncrement(), Timestamp.from(at), 0, null));
        }
        BronzeTransforms.events(spark.createDataFrame(rows, KAFKA), new EventValidator(CONTRACTS), "run", at)
                .write().format("delta").mode("append").save(events.path());
    }

    private static void run(SilverSettings settings, TableLocation payments) throws Exception {
        new SilverPaymentsJob(settings, payments, CONTRACTS).start(TestSpark.session(), StreamMode.AVAILABLE_NOW)
                .awaitTermination();
    }

    private List<String> eventIds(TableLocation payments) {
        return spark.read().format("delta").load(payments.path()).select("event_id").orderBy("event_id")
                .as(Encoders.STRING()).collectAsList();
    }

    @Test
    void anEventDeliveredThreeTimesGivesOneRowAndReRunsChangeNothing() throws Exception {
        Path dir = TestSpark.tempDir("silver-payments");
        TableLocation events = new TableLocation("sp_bronze.events", dir.resolve("bronze/events").toString());
        TableLocation payments = new TableLocation("sp.payments", dir.resolve("silver/payments").toString());
        SilverSettings settings = new SilverSettings(events,
                new TableLocation("sp.quarantine", dir.resolve("silver/quarantine").toString()),
                dir.resolve("checkpoints").toString(), Duration.ofSeconds(1));

        // Same batch: e-1 twice; plus a non-conforming payment, an order and a malformed record (not payments).
        bronze(events, T0, payment("e-1", "pay-1", "EUR"), payment("e-1", "pay-1", "EUR"),
                payment("e-2", "pay-2", " usd "), payment("e-3", "pay-3", "ZZZ"),
                SampleEvents.json(SampleEvents.orderPlaced("o-9")), "{broken");
        run(settings, payments);
        assertEquals(List.of("e-1", "e-2"), eventIds(payments));
        Row quarantined = spark.read().format("delta").load(settings.quarantine().path()).first();
        assertEquals("e-3", quarantined.getAs("event_id"));
        assertEquals(List.of("invalid_currency:currency"), quarantined.getList(quarantined.fieldIndex("conformance_reasons")));
        assertEquals("sp.payments", quarantined.getAs("target_table"));

        // The next batch, then days later, and once with an ingest time before all others (a clock stepped back):
        // e-1 again each time; e-4 and e-5 are new and must land whatever their ingest time.
        bronze(events, T0.plusSeconds(600), payment("e-1", "pay-1", "EUR"));
        run(settings, payments);
        bronze(events, T0.plus(Duration.ofDays(3)), payment("e-1", "pay-1", "EUR"), payment("e-4", "pay-4", "GBP"));
        run(settings, payments);
        bronze(events, T0.minus(Duration.ofDays(2)), payment("e-1", "pay-1", "EUR"), payment("e-5", "pay-5", "EUR"));
        run(settings, payments);

        assertEquals(List.of("e-1", "e-2", "e-4", "e-5"), eventIds(payments),
                "e-1 once, whatever the delay; nothing lost to a clock");
        Row usd = spark.read().format("delta").load(payments.path()).where(col("event_id").equalTo("e-2")).first();
        assertEquals("USD", usd.getAs("currency"));
        assertEquals(java.sql.Date.valueOf("2026-11-19"), usd.getAs("event_date"));
        assertEquals(List.of(SilverPaymentsTable.SCHEMA.fieldNames()),
                List.of(spark.read().format("delta").load(payments.path()).schema().fieldNames()));

        // The same bronze range again, from a fresh checkpoint: the table stays identical.
        Dataset<Row> before = spark.read().format("delta").load(payments.path()).orderBy("event_id");
        List<Row> expected = before.collectAsList();
        run(new SilverSettings(events, settings.quarantine(), dir.resolve("checkpoints-rerun").toString(),
                Duration.ofSeconds(1)), payments);
        assertEquals(expected, spark.read().format("delta").load(payments.path()).orderBy("event_id").collectAsList());
    }
}
