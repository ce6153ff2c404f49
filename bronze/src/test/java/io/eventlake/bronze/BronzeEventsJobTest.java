package io.eventlake.bronze;

import static io.eventlake.testing.SampleEvents.customerUpdatedV2;
import static io.eventlake.testing.SampleEvents.json;
import static io.eventlake.testing.SampleEvents.orderPlaced;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.stream.StreamMode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The bronze job against a real Kafka broker and real Delta tables. */
@Tag("job")
class BronzeEventsJobTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final EventValidator VALIDATOR =
            new EventValidator(ContractRegistry.load(ContractRegistry.CLASSPATH));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

    private final SparkSession spark = TestSpark.session();

    /** One record per quarantine reason, plus valid ones; value -> expected reasons ("" when valid). */
    private static Map<String, String> mixedRecords(String prefix) {
        Map<String, String> records = new java.util.LinkedHashMap<>();
        records.put(json(orderPlaced(prefix + "-valid-1")), "");
        records.put(json(customerUpdatedV2(prefix + "-valid-2")), "");
        records.put(json(orderPlaced(prefix + "-malformed")).substring(0, 30), "malformed_json");
        ObjectNode missing = orderPlaced(prefix + "-missing");
        ((ObjectNode) missing.get("payload")).remove("order_id");
        records.put(json(missing), "missing_field:order_id");
        ObjectNode wrong = orderPlaced(prefix + "-wrong");
        ((ObjectNode) wrong.get("payload").get("lines").get(0)).put("quantity", "two");
        records.put(json(wrong), "wrong_type:lines.quantity");
        ObjectNode unknown = orderPlaced(prefix + "-unknown");
        unknown.put("event_type", "gift_card_issued");
        records.put(json(unknown), "unknown_event_type");
        ObjectNode version = orderPlaced(prefix + "-version");
        version.put("schema_version", 3);
        records.put(json(version), "unsupported_schema_version:3");
        return records;
    }

    private static BronzeSettings settings(String topic, long maxOffsetsPerTrigger) {
        Path dir = TestSpark.tempDir("bronze");
        String db = "bronze_t" + DATABASES.incrementAndGet();
        return new BronzeSettings(
                new KafkaSourceSettings(TestKafka.bootstrapServers(), List.of(topic), "earliest",
                        maxOffsetsPerTrigger, Map.of()),
                new TableLocation(db + ".events", dir.resolve("events").toString()),
                new TableLocation(db + ".quarantine", dir.resolve("quarantine").toString()),
                dir.resolve("checkpoints").toString(),
                Duration.ofMillis(100));
    }

    private BronzeRunStats run(BronzeSettings settings, String runId) {
        BronzeLayer layer = new BronzeLayer(settings, VALIDATOR, runId, CLOCK);
        layer.runAvailableNow(spark);
        return layer.stats(spark);
    }

    private Dataset<Row> events(BronzeSettings settings) {
        return spark.table(settings.events().name());
    }

    private Dataset<Row> quarantine(BronzeSettings settings) {
        return spark.read().format("delta").load(settings.quarantine().path());
    }

    @Test
    void availableNowLandsEveryRecordOnceAndQuarantinesEachInvalidOneWithItsReason() {
        String topic = TestKafka.newTopic("bronze-mixed", 2);
        Map<String, String> records = mixedRecords("an");
        List<String> values = new ArrayList<>(records.keySet());
        values.add(null); // a tombstone
        List<String> keys = values.stream().map(v -> "k" + (v == null ? 0 : v.length() % 5)).toList();
        TestKafka.send(topic, keys, values);
        BronzeSettings settings = settings(topic, 1000);

        BronzeLayer layer = new BronzeLayer(settings, VALIDATOR, "run-1", CLOCK);
        layer.runAvailableNow(spark);
        BronzeRunStats stats = layer.stats(spark);

        assertEquals(8, stats.records());
        assertEquals(6, stats.quarantined());
        Dataset<Row> events = events(settings);
        assertEquals(8, events.count());
        assertEquals(8, events.select("partition", "offset").distinct().count());
        assertEquals(2, events.where(col("is_valid")).count());
        assertEquals(Set.of("run-1"), Set.copyOf(events.select("run_id").distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList()));
        Row valid = events.where(col("event_id").equalTo("an-valid-2")).first();
        assertEquals("customer_updated", valid.getAs("event_type"));
        assertEquals(2, (int) valid.getAs("schema_version"));
        assertEquals("flow-7", valid.getAs("correlation_id"));
        assertEquals(Instant.parse("2026-11-20T09:15:30.250Z"), valid.<java.sql.Timestamp>getAs("occurred_at")
                .toInstant());
        assertEquals(Instant.parse("2026-11-21T08:00:00Z"), valid.<java.sql.Timestamp>getAs("ingest_time")
                .toInstant());

        Map<String, String> expected = new HashMap<>();
        records.forEach((value, reason) -> {
            if (!reason.isEmpty()) {
                expected.put(value, reason);
            }
        });
        expected.put(null, "empty_value");
        Map<String, String> actual = new HashMap<>();
        for (Row row : quarantine(settings).collectAsList()) {
            byte[] value = row.getAs("value");
            List<String> reasons = row.getList(row.fieldIndex("reasons"));
            actual.put(value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8),
                    String.join(",", reasons));
            assertEquals(reasons.get(0).split(":")[0], row.getAs("reason_code"));
        }
        assertEquals(expected, actual);
        assertEquals(quarantine(settings).select("partition", "offset").collectAsList().stream()
                        .map(Row::toString).collect(Collectors.toSet()),
                events.where(col("is_valid").equalTo(false)).select("partition", "offset").collectAsList()
                        .stream().map(Row::toString).collect(Collectors.toSet()),
                "quarantine rows are the invalid bronze rows, by Kafka coordinates");

        // A second run finds nothing new; a third picks up only what was sent since.
        BronzeRunStats again = run(settings, "run-2");
        assertEquals(0, again.records());
        TestKafka.send(topic, List.of("k9"), List.of(json(orderPlaced("an-late"))));
        BronzeRunStats third = run(settings, "run-3");
        assertEquals(1, third.records());
        assertEquals(9, events(settings).count());
        assertEquals(1, events(settings).where(col("run_id").equalTo("run-3")).count());
    }

    /**
     * Records that once stopped bronze for good (an exception in validation or in the Delta write, on every rerun):
     * each must land in quarantine with its reason, and the valid record sent after each must land too.
     */
    @Test
    void poisonValuesAreQuarantinedWithTheirReasonAndTheRecordsAfterThemLand() {
        String topic = TestKafka.newTopic("bronze-poison", 1);
        Map<String, String> poison = new java.util.LinkedHashMap<>();
        String order = json(orderPlaced("po-x"));
        poison.put(order.replace("\"unit_price\":9.99", "\"unit_price\":1e400"), "out_of_range:lines.unit_price");
        for (String time : List.of("1850-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "+294248-01-01T00:00:00Z",
                "+999999999-12-31T23:59:59Z")) {
            poison.put(order.replace("2026-11-20T10:15:30Z", time), "out_of_range:occurred_at");
        }
        poison.put(order.replace("\"po-x\"", "\"\""), "missing_field:event_id");
        poison.put(order.replace("\"po-x\"", "\"  \"").replace("\"o-1\"", "\"o-2\""), "missing_field:event_id");
        poison.put(order.replace("2026-11-20T10:15:30Z", "2100-01-01T00:00:00Z"), "implausible_time:occurred_at");
        poison.put(order.replace("2026-11-20T10:15:30Z", "1970-01-01T00:00:00Z"), "implausible_time:occurred_at");
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> entry : poison.entrySet()) {
            keys.add("p" + i);
            values.add(entry.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            expected.add(entry.getValue());
            keys.add("v" + i);
            values.add(json(orderPlaced("po-after-" + i++)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        keys.add("bom");
        values.add(("\uFEFF" + order).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expected.add("invalid_encoding:bom");
        keys.add("utf16");
        values.add(order.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        expected.add("invalid_encoding:not_utf8");
        TestKafka.sendBytes(topic, keys, values);
        BronzeSettings settings = settings(topic, 1000);

        BronzeRunStats first = run(settings, "run-p1");
        BronzeRunStats second = run(settings, "run-p2");

        assertEquals(values.size(), first.records(), "every record landed in the first run");
        assertEquals(0, second.records());
        assertEquals(i, events(settings).where(col("is_valid")).count());
        assertEquals(i, events(settings).where(col("event_id").startsWith("po-after-")).count());
        List<String> reasons = quarantine(settings).orderBy("offset").collectAsList().stream()
                .map(row -> String.join(",", row.<String>getList(row.fieldIndex("reasons")))).toList();
        assertEquals(expected, reasons);
    }

    @Test
    void aQueryStoppedMidStreamAndRestartedNeitherLosesNorDuplicatesARecord() throws Exception {
        String topic = TestKafka.newTopic("bronze-restart", 2);
        int count = 600;
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add("k" + i);
            values.add(i % 10 == 0 ? "{not json " + i : json(orderPlaced("rs-" + i)));
        }
        TestKafka.send(topic, keys, values);
        BronzeSettings settings = settings(topic, 50);

        StreamingQuery query = new BronzeEventsJob(settings, VALIDATOR, "run-a", CLOCK)
                .start(spark, StreamMode.CONTINUOUS);
        long deadline = System.currentTimeMillis() + 120_000;
        while (Arrays.stream(query.recentProgress()).filter(p -> p.numInputRows() > 0).count() < 3
                && System.currentTimeMillis() < deadline && query.isActive()) {
            Thread.sleep(50);
        }
        query.stop();
        long landedBeforeStop = events(settings).count();
        assertTrue(landedBeforeStop > 0 && landedBeforeStop < count,
                "stopped mid-stream, after " + landedBeforeStop + " of " + count + " records");

        BronzeRunStats second = run(settings, "run-b");

        Dataset<Row> events = events(settings);
        assertEquals(count, events.count());
        assertEquals(count, events.select("partition", "offset").distinct().count());
        assertEquals(count, events.select("event_id").distinct().count() + count / 10 - 1,
                "every valid event once (invalid rows have no event id)");
        assertEquals(count / 10, quarantine(settings).count());
        assertEquals(count - landedBeforeStop, second.records(), "the restart resumed where the first run stopped");
        // Offsets per partition are exactly 0..n-1: nothing skipped, nothing twice.
        for (Row row : events.groupBy("partition").agg(
                org.apache.spark.sql.functions.min("offset"),
                org.apache.spark.sql.functions.max("offset"),
                org.apache.spark.sql.functions.count("offset")).collectAsList()) {
            assertEquals(0L, row.getLong(1));
            assertEquals(row.getLong(3) - 1, row.getLong(2));
        }
    }

    @Test
    void aBatchReplayedAfterACrashIsNotWrittenTwice() throws Exception {
        BronzeSettings settings = settings("unused", 1000);
        BronzeEventsJob job = new BronzeEventsJob(settings, VALIDATOR, "run-r", CLOCK);
        io.eventlake.table.DeltaTables.ensure(spark, settings.events(), BronzeEventsTable.SCHEMA);
        io.eventlake.table.DeltaTables.ensure(spark, settings.quarantine(), BronzeQuarantineTable.SCHEMA);
        Dataset<Row> batch = spark.createDataFrame(List.of(
                kafkaRow(0, json(orderPlaced("rp-1"))),
                kafkaRow(1, "{broken")), KAFKA_SCHEMA);
        Dataset<Row> next = spark.createDataFrame(List.of(
                kafkaRow(2, json(orderPlaced("rp-2"))),
                kafkaRow(3, "{broken too")), KAFKA_SCHEMA);
        spark.sparkContext().setLocalProperty("sql.streaming.queryId", "query-replay");
        try {
            job.writeBatch(batch, 7);
            job.writeBatch(batch, 7); // the same batch again, as after a crash before the offset commit
            assertEquals(1, quarantine(settings).count(), "the invalid record is quarantined once");
            // A crash between the two appends of batch 8: the events landed, the quarantine did not. The replay
            // leaves the events alone and completes the quarantine.
            io.eventlake.table.DeltaTables.appendOnce(BronzeTransforms.events(next, VALIDATOR, "run-r",
                    CLOCK.instant()), settings.events(), "query-replay", 8);
            job.writeBatch(next, 8);
            job.writeBatch(next, 8);
        } finally {
            spark.sparkContext().setLocalProperty("sql.streaming.queryId", null);
        }

        assertEquals(4, events(settings).count());
        assertEquals(List.of(1L, 3L), quarantine(settings).orderBy("offset").select("offset").as(
                org.apache.spark.sql.Encoders.LONG()).collectAsList(), "each invalid record quarantined exactly once");
        assertFalse(events(settings).where(col("event_id").equalTo("rp-1")).isEmpty());
        assertEquals(List.of("malformed_json"), events(settings).where(col("offset").equalTo(1)).first()
                .getList(events(settings).schema().fieldIndex("reasons")));
    }

    /** A validator passing one record with a time the Delta writer refuses (1850: before Spark's INT96 range). */
    private static final class WriterRefusedValidator extends EventValidator {
        WriterRefusedValidator() {
            super(ContractRegistry.load(ContractRegistry.CLASSPATH));
        }

        @Override
        public io.eventlake.contracts.validate.Validation validate(byte[] value, Instant receivedAt) {
            io.eventlake.contracts.validate.Validation v = super.validate(value, receivedAt);
            return !"wr-poison".equals(v.eventId()) ? v : new io.eventlake.contracts.validate.Validation(v.eventId(),
                    v.eventType(), v.schemaVersion(), Instant.parse("1850-01-01T00:00:00Z"), v.producer(),
                    v.correlationId(), v.reasons());
        }
    }

    @Test
    void aRecordTheWriterRefusesIsQuarantinedAsUnprocessableAndTheBatchLands() {
        BronzeSettings settings = settings("unused", 1000);
        BronzeEventsJob job = new BronzeEventsJob(settings, new WriterRefusedValidator(), "run-w", CLOCK);
        io.eventlake.table.DeltaTables.ensure(spark, settings.events(), BronzeEventsTable.SCHEMA);
        io.eventlake.table.DeltaTables.ensure(spark, settings.quarantine(), BronzeQuarantineTable.SCHEMA);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(kafkaRow(i, json(orderPlaced(i == 4 ? "wr-poison" : "wr-" + i))));
        }
        spark.sparkContext().setLocalProperty("sql.streaming.queryId", "query-poison");
        try {
            job.writeBatch(spark.createDataFrame(rows, KAFKA_SCHEMA), 0);
        } finally {
            spark.sparkContext().setLocalProperty("sql.streaming.queryId", null);
        }

        assertEquals(6, events(settings).count(), "every record landed");
        assertEquals(5, events(settings).where(col("is_valid")).count());
        Row poison = events(settings).where(col("offset").equalTo(4)).first();
        assertFalse(poison.<Boolean>getAs("is_valid"));
        assertTrue(poison.isNullAt(poison.fieldIndex("occurred_at")) && poison.isNullAt(poison.fieldIndex("event_id")));
        List<String> reasons = poison.getList(poison.fieldIndex("reasons"));
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).startsWith("unprocessable:"), reasons.toString());
        assertTrue(new String((byte[]) poison.getAs("value"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("wr-poison"), "the raw value is kept");
        assertEquals(List.of(4L), quarantine(settings).select("offset").as(org.apache.spark.sql.Encoders.LONG())
                .collectAsList(), "the unprocessable record is quarantined from the same batch");
    }

    private static final org.apache.spark.sql.types.StructType KAFKA_SCHEMA = new org.apache.spark.sql.types.StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());

    private static Row kafkaRow(long offset, String value) {
        return org.apache.spark.sql.RowFactory.create(null, value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "replayed", 0, offset, java.sql.Timestamp.from(CLOCK.instant()), 0, null);
    }
}
