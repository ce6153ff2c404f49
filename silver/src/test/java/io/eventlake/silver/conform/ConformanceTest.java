package io.eventlake.silver.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Conformance over the rows the real bronze transform makes of raw Kafka records. */
@Tag("unit")
class ConformanceTest {
    private static final ContractRegistry CONTRACTS = ContractRegistry.load(ContractRegistry.CLASSPATH);
    private static final StructType KAFKA = new StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());

    private static Dataset<Row> bronze(List<String> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(RowFactory.create(null, values.get(i).getBytes(StandardCharsets.UTF_8), "retail.events", 0,
                    (long) i, Timestamp.from(Instant.parse("2026-11-21T08:00:00Z")), 0, null));
        }
        return BronzeTransforms.events(TestSpark.session().createDataFrame(rows, KAFKA),
                new EventValidator(CONTRACTS), "run-c", Instant.parse("2026-11-21T08:00:00Z"));
    }

    @Test
    void ordersOfBothVersionsBecomeTypedTrimmedRowsWithTheirLineage() {
        ObjectNode v1 = SampleEvents.orderPlaced("o-v1");
        ((ObjectNode) v1.get("payload")).put("currency", " eur ");
        ((ObjectNode) v1.get("payload").get("lines").get(0)).put("sku", "  sku-1 ");
        ObjectNode v2 = SampleEvents.orderPlaced("o-v2");
        v2.put("schema_version", 2);
        ((ObjectNode) v2.get("payload")).put("channel", "web");

        Dataset<Row> conformed = Conformance.conform(bronze(List.of(
                SampleEvents.json(v1), SampleEvents.json(v2), "{broken",
                SampleEvents.json(SampleEvents.customerUpdatedV2("c-1")))),
                CONTRACTS.versions("order_placed"), SilverTestLake.TOKENIZER);

        List<Row> rows = new ArrayList<>(Conformance.accepted(conformed).collectAsList());
        rows.sort(Comparator.comparing(r -> r.<String>getAs("event_id")));
        assertEquals(2, rows.size(), "only valid order_placed events");
        Row first = rows.get(0);
        assertEquals("o-v1", first.getAs("event_id"));
        assertEquals(1, (int) first.getAs("schema_version"));
        assertEquals("EUR", first.getAs("currency"));
        assertEquals("sku-1", first.<Row>getList(first.fieldIndex("lines")).get(0).getAs("sku"));
        assertNull(first.getAs("channel"));
        assertEquals("web", rows.get(1).getAs("channel"));
        Row source = first.getAs(Conformance.SOURCE);
        assertEquals("retail.events", source.getAs("topic"));
        assertEquals(0L, (long) source.getAs("offset"));
        assertEquals(Instant.parse("2026-11-21T08:00:00Z"), source.<Timestamp>getAs("ingest_time").toInstant());
        assertTrue(Conformance.rejected(conformed).isEmpty());
    }

    @Test
    void anUnknownCurrencyIsRejectedWithItsReasonNotDropped() {
        String payment = "{\"event_id\": \"p-1\", \"event_type\": \"payment_captured\", \"schema_version\": 1,"
                + " \"occurred_at\": \"2026-11-20T10:00:00Z\", \"producer\": \"pos\", \"payload\": {\"payment_id\":"
                + " \"pay-1\", \"order_id\": \"o-1\", \"amount\": 19.98, \"currency\": \"ZZZ\", \"method\": \"CARD\"}}";

        Dataset<Row> conformed = Conformance.conform(bronze(List.of(payment)), CONTRACTS.versions("payment_captured"),
                SilverTestLake.TOKENIZER);

        assertTrue(Conformance.accepted(conformed).isEmpty());
        Row rejected = Conformance.rejected(conformed).first();
        assertEquals("p-1", rejected.getAs("event_id"));
        assertEquals(List.of("invalid_currency:currency"), rejected.getList(rejected.fieldIndex(Conformance.REASONS)));
    }

    @Test
    void personalFieldsLeaveAsTokensAndAnUnknownCountryIsRejected() {
        ObjectNode known = SampleEvents.customerUpdatedV2("c-ok");
        ObjectNode unknown = SampleEvents.customerUpdatedV2("c-bad");
        ((ObjectNode) unknown.get("payload")).put("country", "XQ");

        Dataset<Row> conformed = Conformance.conform(bronze(List.of(SampleEvents.json(known),
                SampleEvents.json(unknown))), CONTRACTS.versions("customer_updated"), SilverTestLake.TOKENIZER);

        Row row = Conformance.accepted(conformed).first();
        assertEquals(List.of("email_token", "full_name_token", "phone_token"),
                List.of(row.schema().fieldNames()).stream().filter(c -> c.endsWith("_token")).toList());
        assertEquals(SilverTestLake.TOKENIZER.token("ada@example.com"), row.getAs("email_token"));
        assertTrue(List.of(row.schema().fieldNames()).stream().noneMatch(c -> c.equals("email")));
        Row rejected = Conformance.rejected(conformed).first();
        assertEquals("c-bad", rejected.getAs("event_id"));
        assertEquals(List.of("invalid_country:country"), rejected.getList(rejected.fieldIndex(Conformance.REASONS)));
    }
}
