package io.eventlake.silver;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.quality.MetricsHistory;
import io.eventlake.quality.QualityGates;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.StructType;

/**
 * A lake in a temporary folder for silver job tests: a real bronze events table filled the way the bronze job
 * fills it (the real bronze transform over Kafka-shaped rows), and silver tables under their own database.
 */
public final class SilverTestLake {
    public static final ContractRegistry CONTRACTS = ContractRegistry.load(ContractRegistry.CLASSPATH);
    public static final String KEY = "test-only-key-0123456789abcdef0123456789";
    public static final PiiTokenizer TOKENIZER = PiiTokenizer.fromEnvironment(
            Map.of(PiiTokenizer.KEY_VARIABLE, KEY));
    private static final StructType KAFKA = new StructType()
            .add("key", "binary").add("value", "binary").add("topic", "string").add("partition", "int")
            .add("offset", "long").add("timestamp", "timestamp").add("timestampType", "int")
            .add("headers", BronzeEventsTable.SCHEMA.apply("headers").dataType());

    private final Path dir;
    private final String database;
    private final AtomicLong offsets = new AtomicLong();
    public final TableLocation events;
    public final SilverSettings settings;

    public SilverTestLake(String name) {
        this.dir = TestSpark.tempDir(name);
        this.database = name.replace('-', '_');
        this.events = new TableLocation(database + "_bronze.events", dir.resolve("bronze/events").toString());
        this.settings = new SilverSettings(events, new SilverTableLocations(table("orders"), table("order_lines"),
                table("payments"), table("returns"), table("inventory_movements"), table("customers"),
                table("customers_current"), table("quarantine")).catalog(), dir.resolve("checkpoints").toString(),
                Duration.ofSeconds(1), SilverSettings.DEFAULT_MAX_FILES_PER_TRIGGER);
    }

    private TableLocation table(String name) {
        return new TableLocation(database + "_silver." + name, dir.resolve("silver/" + name).toString());
    }

    /** Appends raw records to the bronze events table as the bronze job would, ingested at {@code at}. */
    public void bronze(Instant at, String... values) {
        bronzeWith(CONTRACTS, at, values);
    }

    /** {@link #bronze}, validating with {@code contracts}. */
    public void bronzeWith(ContractRegistry contracts, Instant at, String... values) {
        List<Row> rows = new ArrayList<>();
        for (String value : values) {
            rows.add(RowFactory.create(null, value.getBytes(StandardCharsets.UTF_8), "retail.events", 0,
                    offsets.getAndIncrement(), Timestamp.from(at), 0, null));
        }
        BronzeTransforms.events(TestSpark.session().createDataFrame(rows, KAFKA), new EventValidator(contracts),
                "run", at).write().format("delta").mode("append").save(events.path());
    }

    public SilverContext context(SilverRunMetrics metrics) {
        return context(settings, CONTRACTS, metrics);
    }

    public static SilverContext context(SilverSettings settings, ContractRegistry contracts,
                                        SilverRunMetrics metrics) {
        return new SilverContext(settings, contracts, TOKENIZER, metrics, quality(settings));
    }

    /** The lake's quality gates without rules: verdicts would go to its own {@code quality.gate_results}. */
    public static QualityGates quality(SilverSettings settings) {
        String database = settings.bronzeEvents().name().substring(0, settings.bronzeEvents().name().indexOf('.'))
                .replace("_bronze", "_quality");
        String root = settings.bronzeEvents().path().replaceFirst("/bronze/events$", "");
        return QualityGates.none(new MetricsHistory(root + "/_quality/metrics"),
                new TableLocation(database + ".gate_results", root + "/quality/gate_results"));
    }

    /** A context whose gates are {@code quality}. */
    public SilverContext context(SilverRunMetrics metrics, QualityGates quality) {
        return new SilverContext(settings, CONTRACTS, TOKENIZER, metrics, quality);
    }

    /** The same lake, checkpoints in another folder (a fresh start over the same bronze range). */
    public SilverSettings withCheckpoints(String folder) {
        return new SilverSettings(events, settings.catalog(), dir.resolve(folder).toString(),
                settings.triggerInterval(), settings.maxFilesPerTrigger());
    }

    public Path dir() {
        return dir;
    }

    /** Runs the jobs, side by side, on what bronze holds now. */
    public static void run(SilverJob... jobs) {
        List<StreamingQuery> queries = new ArrayList<>();
        for (SilverJob job : jobs) {
            queries.add(job.start(TestSpark.session(), StreamMode.AVAILABLE_NOW));
        }
        for (int i = 0; i < jobs.length; i++) {
            try {
                queries.get(i).awaitTermination();
            } catch (Exception e) {
                throw new IllegalStateException(jobs[i].name() + " failed", e);
            }
        }
    }

    public static Dataset<Row> read(TableLocation table) {
        return TestSpark.session().read().format("delta").load(table.path());
    }

    /** An event of {@code type} (schema version 1) with the given payload JSON, occurred at {@code occurredAt}. */
    public static String event(String eventId, String type, int version, String occurredAt, String payloadJson) {
        return "{\"event_id\": \"" + eventId + "\", \"event_type\": \"" + type + "\", \"schema_version\": " + version
                + ", \"occurred_at\": \"" + occurredAt + "\", \"producer\": \"test\", \"payload\": " + payloadJson
                + "}";
    }
}
