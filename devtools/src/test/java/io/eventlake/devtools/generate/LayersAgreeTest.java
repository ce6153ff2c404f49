package io.eventlake.devtools.generate;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Bronze's validator and silver's parser on one corpus of 10,000 mutated events: bronze writes every record
 * (none fails its write), and every record bronze accepts silver reads (none is {@code unparseable_payload}).
 */
@Tag("job")
class LayersAgreeTest {
    private static final ContractRegistry CONTRACTS = ContractRegistry.load(ContractRegistry.CLASSPATH);
    private static final int CORPUS = 10_000;
    private static final StructType KAFKA = new StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());
    private static final PiiTokenizer TOKENIZER = PiiTokenizer.fromEnvironment(
            Map.of(PiiTokenizer.KEY_VARIABLE, "0123456789abcdef0123456789abcdef"));

    private static final Map<EventFuzzer.Mutation, Integer> MUTATIONS = new EnumMap<>(EventFuzzer.Mutation.class);
    private static Dataset<Row> bronze;

    @BeforeAll
    static void writeTheCorpusToBronze() {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        EventFuzzer fuzzer = new EventFuzzer(CORPUS, 42, CONTRACTS);
        for (long offset = 0; fuzzer.hasNext(); offset++) {
            EventFuzzer.Fuzzed record = fuzzer.next();
            MUTATIONS.merge(record.mutation(), 1, Integer::sum);
            rows.add(RowFactory.create(null, record.value(), "fuzz", 0, offset,
                    Timestamp.from(Instant.parse("2026-11-21T08:00:00Z")), 0, null));
        }
        TableLocation table = new TableLocation("fuzz_bronze.events",
                TestSpark.tempDir("fuzz").resolve("events").toString());
        DeltaTables.ensure(spark, table, BronzeEventsTable.SCHEMA, BronzeEventsTable.STATS_COLUMNS);
        DeltaTables.appendOnce(BronzeTransforms.events(spark.createDataFrame(rows, KAFKA),
                new EventValidator(CONTRACTS), "run-fuzz", Instant.parse("2026-11-21T08:00:00Z")), table, "fuzz", 0);
        bronze = spark.read().format("delta").load(table.path());
    }

    @Test
    void bronzeWritesEveryMutatedRecordAndJudgesEachOne() {
        assertEquals(CORPUS, bronze.count());
        assertEquals(CORPUS, bronze.select(BronzeEventsTable.OFFSET).distinct().count());
        assertTrue(MUTATIONS.size() == EventFuzzer.Mutation.values().length, "every mutation drawn: " + MUTATIONS);
        long valid = bronze.where(col(BronzeEventsTable.IS_VALID)).count();
        assertTrue(valid > 500 && valid < CORPUS - 2_000, "valid " + valid + " of " + CORPUS);
        assertEquals(0, bronze.where(array_contains(col(BronzeEventsTable.REASONS), "unprocessable")).count());
    }

    @Test
    void silverReadsEveryRecordBronzeAccepts() {
        for (String type : CONTRACTS.eventTypes()) {
            Dataset<Row> conformed = Conformance.conform(bronze, CONTRACTS.versions(type), TOKENIZER);
            long valid = bronze.where(col(BronzeEventsTable.IS_VALID)
                    .and(col(BronzeEventsTable.EVENT_TYPE).equalTo(type))).count();
            assertEquals(valid, conformed.count(), type);
            List<Row> unparsed = conformed.where(array_contains(col(Conformance.REASONS), "unparseable_payload"))
                    .select(BronzeEventsTable.EVENT_ID).limit(10).collectAsList();
            assertEquals(List.of(), unparsed, type + ": valid in bronze, unreadable in silver");
        }
    }
}
