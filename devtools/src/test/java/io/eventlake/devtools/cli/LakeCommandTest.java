package io.eventlake.devtools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.SilverReconciliation;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.pii.PiiTokenizer;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestCli.Run;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The CLI end to end, in process: arguments, exit status, messages; the demo through the command line. */
@Tag("e2e")
class LakeCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    /** A throw-away personal-data key, as an operator would set it. */
    static final Map<String, String> WITH_KEY = TestCli.WITH_KEY;

    /** A command line of {@code ./lake}: the production commands and the dev tools. */
    static Run lake(String... args) {
        return lakeIn(WITH_KEY, args);
    }

    static Run lakeIn(Map<String, String> environment, String... args) {
        return TestCli.run(DevLakeCommand.extension(), environment, args);
    }

    /** {@link TestCli#ownTables}. */
    static List<String> ownTables(String prefix) {
        return TestCli.ownTables(prefix);
    }

    /** {@link TestCli#local}, with the broker classpath of this build. */
    static String[] local(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(TestCli.local(args)));
        all.addAll(List.of("--set", "local-kafka.classpath-file=\"" + System.getProperty("eventlake.kafka.classpath-file")
                + "\""));
        return all.toArray(String[]::new);
    }

    @Test
    void anUnknownCommandIsBadInput() {
        Run run = lake("ingest");
        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().contains("Unmatched argument at index 0: 'ingest'"), run.err());
    }

    @Test
    void aBadSettingIsBadInputWithOneClearMessage() {
        Run run = lake(local("bronze", "--available-now", "--set", "kafka.max-offsets-per-trigger=-5"));

        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: Setting 'eventlake.kafka.max-offsets-per-trigger' has the invalid "
                + "value '-5'."), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for bad input: " + run.err());
    }

    @Test
    void aNegativeCountIsRefused() {
        Run run = lake(local("generate", "--count", "-1"));
        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: Option --count has the invalid value '-1'."), run.err());
        assertTrue(run.err().contains("Fix: run it again with a value allowed, e.g. ./lake generate --count 1 "),
                "the user's own command with a value that works: " + run.err());
    }

    @Test
    void optionsThatExcludeEachOtherGetTheUsageAndNoPicocliJargon() {
        Run run = lake(local("rollback", "gold.daily_store_sales", "--to-version", "0", "--run", "x"));

        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: options that exclude each other were given together"), run.err());
        assertTrue(run.err().contains("Usage: ./lake rollback"), run.err());
        assertTrue(run.err().contains("Fix: run it as the usage shows, with one form only; ./lake rollback --help"),
                run.err());
    }

    @Test
    void aSparkMasterSparkWouldRefuseIsBadInputWithoutAStackTrace() {
        Run run = lake(local("history", "gold.daily_store_sales", "--set", "spark.master=lcoal[2]"));

        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: Setting 'eventlake.spark.master' has the invalid value 'lcoal[2]'."),
                run.err());
        assertTrue(!run.err().contains("\tat "), run.err());
    }

    @Test
    void generatingToAnUnreachableBrokerFailsNamingTheBrokerAndTheFix() {
        Run run = lake(local("generate", "--count", "5", "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\""));

        assertEquals(LakeCommand.FAILED, run.status());
        assertTrue(run.err().contains("Could not write events to topic 'retail.events' on '127.0.0.1:1'"), run.err());
        assertTrue(run.err().contains("./lake kafka start"), run.err());
    }

    @Test
    void bronzeFailsFastNamingAnUnreachableBrokerOrAMissingTopic() {
        long start = System.nanoTime();
        Run down = lake(local("bronze", "--available-now", "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\"",
                "--set", "lake-root=\"" + TestSpark.tempDir("down") + "\""));
        assertEquals(LakeCommand.FAILED, down.status());
        assertTrue(down.err().startsWith("error: Kafka at '127.0.0.1:1' did not answer within 15 s."), down.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 60, "fails in seconds, not after minutes of retries");

        Run missing = lake(local("bronze", "--available-now",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"no-such-topic\"]",
                "--set", "lake-root=\"" + TestSpark.tempDir("missing") + "\""));
        assertEquals(LakeCommand.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("Topic 'no-such-topic' does not exist on Kafka at"), missing.err());
        assertTrue(missing.err().contains("eventlake.kafka.topics"), missing.err());
    }

    @Test
    void kafkaStatusSaysWhenNoBrokerRuns() {
        Run run = lake(local("kafka", "status", "--set", "lake-root=\"" + TestSpark.tempDir("status") + "\""));
        assertEquals(KafkaCommand.NOT_RUNNING, run.status());
        assertTrue(run.out().contains("Kafka broker not running."), run.out());
    }

    @Test
    void kafkaStartStatusStopManageARealBroker() {
        String lakeRoot = "lake-root=\"" + TestSpark.tempDir("kafka-cli") + "\"";
        String port = "local-kafka.port=" + io.eventlake.tools.kafka.LocalKafkaBroker.freePort();
        String controller = "local-kafka.controller-port=" + io.eventlake.tools.kafka.LocalKafkaBroker.freePort();
        try {
            Run start = lake(local("kafka", "start", "--set", lakeRoot, "--set", port, "--set", controller));
            assertEquals(LakeCommand.OK, start.status(), start.err());
            assertTrue(start.out().contains("Kafka broker running"), start.out());

            Run again = lake(local("kafka", "start", "--set", lakeRoot, "--set", port, "--set", controller));
            assertEquals(LakeCommand.FAILED, again.status());
            assertTrue(again.err().contains("already runs"), again.err());

            assertEquals(LakeCommand.OK, lake(local("kafka", "status", "--set", lakeRoot, "--set", port)).status());
        } finally {
            Run stop = lake(local("kafka", "stop", "--set", lakeRoot));
            assertEquals(LakeCommand.OK, stop.status(), stop.err());
            assertTrue(stop.out().contains("Kafka broker stopped."), stop.out());
        }
        assertEquals(KafkaCommand.NOT_RUNNING, lake(local("kafka", "status", "--set", lakeRoot)).status());
    }

    @Test
    void generateThenBronzeThroughTheCommandLine() {
        String topic = TestKafka.newTopic("cli", 2);
        String[] common = {"--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "lake-root=\"" + TestSpark.tempDir("cli-lake") + "\"",
                "--set", "bronze.events-table=cli.events", "--set", "bronze.quarantine-table=cli.quarantine"};
        List<String> generate = new ArrayList<>(List.of("generate", "--count", "300", "--seed", "3"));
        generate.addAll(List.of(common));
        Run sent = lake(local(generate.toArray(String[]::new)));
        assertEquals(LakeCommand.OK, sent.status(), sent.err());
        assertTrue(sent.out().matches("(?s).*\\n  total +300\\n.*"), sent.out());

        List<String> bronze = new ArrayList<>(List.of("bronze", "--available-now", "--run-id", "cli-run"));
        bronze.addAll(List.of(common));
        Run ingested = lake(local(bronze.toArray(String[]::new)));
        assertEquals(LakeCommand.OK, ingested.status(), ingested.err());
        assertTrue(ingested.out().startsWith("bronze run cli-run: 300 records"), ingested.out());
        assertEquals(300, TestSpark.session().table("cli.events").count());
    }

    @Test
    void silverRefusesToStartWithoutAPersonalDataKey() {
        Run run = lakeIn(Map.of(), local("silver", "--available-now",
                "--set", "lake-root=\"" + TestSpark.tempDir("no-key") + "\""));

        assertEquals(LakeCommand.BAD_INPUT, run.status(), run.out());
        assertTrue(run.err().contains(PiiTokenizer.KEY_VARIABLE), run.err());
        assertTrue(TestSpark.session().streams().active().length == 0, "nothing started");
    }

    @Test
    void theContinuousPipelineCarriesEventsFromKafkaThroughSilver() throws Exception {
        String topic = TestKafka.newTopic("pipeline", 2);
        Path pipelineLake = TestSpark.tempDir("pipeline-lake");
        List<String> common = new ArrayList<>(List.of(
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "lake-root=\"" + pipelineLake + "\"",
                "--set", "bronze.trigger-interval=1s", "--set", "silver.trigger-interval=1s"));
        common.addAll(ownTables("pipe"));
        int metricsPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            metricsPort = free.getLocalPort();
        }
        List<String> pipeline = new ArrayList<>(List.of("pipeline", "--set", "metrics.port=" + metricsPort,
                "--set", "metrics.sample-interval=2s", "--set", "kafka.max-offsets-per-trigger=50"));
        pipeline.addAll(common);
        // bronze.events (which also writes bronze.quarantine), seven silver jobs, gold.inventory_positions (the fast
        // path runs in a session of its own, whose queries this listener does not see)
        CountDownLatch started = new CountDownLatch(9);
        StreamingQueryListener onStart = new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent event) {
                started.countDown();
            }

            @Override
            public void onQueryProgress(QueryProgressEvent event) {
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent event) {
            }
        };
        TestSpark.session().streams().addListener(onStart);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<Run> running = runner.submit(() -> lake(local(pipeline.toArray(String[]::new))));
        try {
            assertTrue(started.await(120, TimeUnit.SECONDS), "the pipeline's queries did not start");
            List<String> generate = new ArrayList<>(List.of("generate", "--count", "400", "--seed", "11"));
            generate.addAll(common);
            Run sent = lake(local(generate.toArray(String[]::new)));
            assertEquals(LakeCommand.OK, sent.status(), sent.err());
            // The metrics endpoint while the pipeline runs: bronze behind the topic first (50 records a batch)
            String behind = scrapeUntil(metricsPort, text -> kafkaLag(text) > 0);
            assertTrue(kafkaLag(behind) > 0, behind);

            // Drain the running queries in pipeline order (bronze, then silver, then gold): each processes all its
            // source holds at the call, so afterwards every silver table must add up with bronze.
            List<StreamingQuery> queries = new ArrayList<>(List.of(TestSpark.session().streams().active()));
            queries.sort(java.util.Comparator.comparing((StreamingQuery q) -> q.name().startsWith("bronze.") ? 0
                    : q.name().startsWith("silver.") ? 1 : 2).thenComparing(StreamingQuery::name));
            for (StreamingQuery query : queries) {
                query.processAllAvailable();
            }
            List<String> overrides = new ArrayList<>();
            for (int i = 1; i < common.size(); i += 2) {
                overrides.add(common.get(i));
            }
            LakeSettings settings = LakeConfig.load(new ConfigSources(ROOT.resolve("conf"), "local", null, overrides));
            String last = caughtUp(settings);
            assertEquals("", last, "silver tables not caught up with bronze");
            // ... and caught up once the topic is drained, with the documented names
            String drained = scrapeUntil(metricsPort, text -> kafkaLag(text) == 0
                    && text.contains("eventlake_table_version{table=\"pipe_bronze.events\"}")
                    && text.contains("eventlake_gate_passed{"));
            assertEquals(0, kafkaLag(drained), drained);
            for (String name : List.of("eventlake_stream_batches_total{query=\"bronze.events\"}",
                    "eventlake_stream_input_rows_total{query=\"bronze.events\"} 400",
                    "eventlake_stream_batch_duration_seconds{query=\"bronze.events\"}",
                    "eventlake_stream_rows_per_second{query=\"bronze.events\"}",
                    "eventlake_kafka_lag_records{partition=\"0\",query=\"bronze.events\",topic=\"" + topic + "\"} 0",
                    "eventlake_silver_rows_written_total{job=", "eventlake_silver_duplicates_total{job=",
                    "eventlake_silver_quarantined_total{job=", "eventlake_table_behind_newest_event_seconds{table=",
                    "eventlake_table_stale{table=", "eventlake_gate_passed{level=")) {
                assertTrue(drained.contains(name), name + " in\n" + drained);
            }
        } finally {
            for (StreamingQuery query : TestSpark.session().streams().active()) {
                query.stop();
            }
            runner.shutdown();
            TestSpark.session().streams().removeListener(onStart);
        }
        Run run = running.get(60, TimeUnit.SECONDS);
        assertEquals(LakeCommand.OK, run.status(), run.err());
        // every micro-batch of the run, in the run metrics table
        // (named per lake root by the test configuration: t<hash>_quality.run_metrics)
        String runMetrics = pipelineLake.resolve("t" + Integer.toHexString(("lake-root=\"" + pipelineLake + "\"")
                .hashCode()) + "_quality/run_metrics").toString();
        org.apache.spark.sql.Row bronzeBatches = TestSpark.session().read().format("delta").load(runMetrics)
                .where("query = 'bronze.events'").selectExpr("count(*)", "sum(input_rows)", "min(kafka_lag)")
                .first();
        assertTrue(bronzeBatches.getLong(0) >= 8, "400 records at 50 a batch: " + bronzeBatches);
        assertEquals(400, bronzeBatches.getLong(1), bronzeBatches.toString());
        assertEquals(0, bronzeBatches.getLong(2), bronzeBatches.toString());
        assertTrue(run.out().contains("pipeline running"), run.out());
        assertTrue(run.out().matches("(?s).*bronze run pipeline-\\S+: 400 records.*"), run.out());
        assertTrue(run.out().matches("(?s).*silver\\.payments +\\d+ received, [1-9]\\d* duplicates dropped.*"),
                run.out());
    }

    /** Empty when bronze holds all 400 records and every silver table adds up with it; else what does not. */
    private static String caughtUp(LakeSettings settings) {
        SparkSession spark = TestSpark.session();
        TableLocation events = settings.bronze().events();
        if (!DeltaTables.exists(spark, events) || spark.read().format("delta").load(events.path()).count() < 400) {
            return "bronze not complete";
        }
        SilverTableLocations t = settings.silver().tables();
        for (TableLocation table : List.of(t.orders(), t.orderLines(), t.payments(), t.returns(),
                t.inventoryMovements(), t.customers(), t.customersCurrent(), t.quarantine())) {
            if (!DeltaTables.exists(spark, table)) {
                return table.name() + " missing";
            }
        }
        return SilverReconciliation.all(spark, settings.silver()).stream().filter(r -> !r.addsUp())
                .map(SilverReconciliation::render).collect(Collectors.joining());
    }

    /** Scrapes the metrics endpoint every 250 ms until {@code done} holds (at most 60 s); the last scrape. */
    private static String scrapeUntil(int port, java.util.function.Predicate<String> done) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String text = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                text = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (done.test(text)) {
                    return text;
                }
            } catch (java.io.IOException e) {
                text = e.toString();
            }
            Thread.sleep(250);
        }
        return text;
    }

    /** The sum of bronze's Kafka lag in a scrape; -1 when the scrape has none yet. */
    private static long kafkaLag(String scrape) {
        Matcher lag = Pattern.compile("(?m)^eventlake_kafka_lag_records\\{[^}]*query=\"bronze\\.events\"[^}]*} "
                + "([0-9.eE+]+)$").matcher(scrape);
        long sum = -1;
        while (lag.find()) {
            sum = Math.max(sum, 0) + (long) Double.parseDouble(lag.group(1));
        }
        return sum;
    }

    @Test
    void theDemoReconcilesEverythingItSent() throws Exception {
        Path root = TestSpark.tempDir("demo");
        Run run = lake(local("demo", "--count", "1500", "--set", "lake-root=\"" + root + "\""));
        String out = run.out();
        assertEquals(LakeCommand.OK, run.status(), run.err() + out);
        assertTrue(out.contains("bronze rows (all records)                    1500 ->     1500  ok"), out);
        assertTrue(out.contains("reason malformed_json"), out);
        assertTrue(out.contains("Everything sent is accounted for."), out);
        for (String table : List.of("orders", "payments", "returns", "inventory_movements", "customers")) {
            Matcher line = Pattern.compile("\\n +silver\\." + table + " +(\\d+) valid bronze = +(\\d+) rows \\+ +(\\d+)"
                    + " duplicates dropped \\+ +(\\d+) quarantined; +(\\d+) late absorbed  ok\\n").matcher(out);
            assertTrue(line.find(), table + "\n" + out);
            long valid = Long.parseLong(line.group(1));
            assertEquals(valid, Long.parseLong(line.group(2)) + Long.parseLong(line.group(3))
                    + Long.parseLong(line.group(4)), line.group());
            assertTrue(Long.parseLong(line.group(3)) > 0, "the generator sends duplicates of every type: " + line.group());
        }
        assertTrue(out.matches("(?s).*silver\\.payments .* \\+ +[1-9]\\d* quarantined; +[1-9]\\d* late absorbed  ok.*"), out);
        assertTrue(out.matches("(?s).*\\n +silver\\.order_lines +[1-9]\\d* rows \\(= the lines of the \\d+ orders\\)  ok\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n +silver\\.customers_current +[1-9]\\d* rows \\(= the customers of silver\\.customers\\)  ok\\n.*"), out);
        assertTrue(out.matches("(?s).*gold\\.daily_store_sales: full refresh, ([1-9]\\d*) slices recomputed: \\1 rows inserted.*"),
                out);
        assertTrue(out.matches("(?s).*top 5 slices by net revenue:\\n +date +store .*\\n( +2026-\\d\\d-\\d\\d S\\d+ .*\\n){5}.*"), out);
        assertTrue(out.matches("(?s).*gold\\.customer_features: full refresh, [1-9]\\d* slices recomputed: [1-9]\\d* rows.*"), out);
        Matcher alerts = Pattern.compile("gold\\.inventory_positions: ([1-9]\\d*) low-stock alerts raised, published to "
                + "topic 'retail\\.alerts' on 127\\.0\\.0\\.1:\\d+:\\n( +2026-.* -> .* \\(threshold 10\\), alert \\w+\\n)+")
                .matcher(out);
        assertTrue(alerts.find(), out);
        assertTrue(out.contains("the broker is stopped"), out);
        // Quality: verdicts of the gates, a row quarantined by a rule (named on the row), a gold publish blocked
        // by its audit and restored, and the table's history showing both.
        assertTrue(out.matches("(?s).*\\n +silver\\.payments +amount_positive +quarantine +[1-9]\\d* checks passed.*"),
                out);
        assertTrue(out.matches("(?s).*\\n +silver\\.payments -> \\S+, reasons \\[quality:amount_positive\\]\\n.*"), out);
        assertTrue(out.contains("Gold: the refresh was blocked and rolled back automatically:\n     gold.daily_store_sales "
                + "version 2 failed its audit: rule 'daily_revenue_plausible' (block)"), out);
        assertTrue(out.matches("(?s).*\\n +3 .* RESTORE +demo-\\S+ +0 +restores v1 \\(restore:1 audit-failed:v2 rules:"
                + "daily_revenue_plausible\\)\\n +2 .* WRITE .* failed: daily_revenue_plausible\\n +1 .* passed\\n.*"), out);

        // A training set on the demo's features, then rebuilt from the versions it printed.
        Matcher customer = Pattern.compile("\\n +(C\\d{5}) +(2026-\\d\\d-\\d\\d) +\\d+ +\\d+ ").matcher(out);
        assertTrue(customer.find(), out);
        Path labels = root.resolve("labels.csv");
        java.nio.file.Files.writeString(labels, "customer_id,label_time,label\n" + customer.group(1) + ","
                + customer.group(2) + "T12:00:00Z,1\nC99999," + customer.group(2) + "T12:00:00Z,0\n");
        String lakeRoot = "lake-root=\"" + root.resolve("demo") + "\"";
        Run first = lake(local("features", "training-set", "--labels", labels.toString(), "--out",
                root.resolve("ts-1").toString(), "--set", lakeRoot));
        assertEquals(LakeCommand.OK, first.status(), first.err());
        assertTrue(first.out().contains(": 2 labels, 1 without features before them"), first.out());
        Matcher rebuild = Pattern.compile("rebuild it with: --as-of-versions (\\S+)").matcher(first.out());
        assertTrue(rebuild.find(), first.out());
        Matcher featuresVersion = Pattern.compile("gold\\.customer_features=(\\d+)").matcher(rebuild.group(1));
        assertTrue(featuresVersion.find(), rebuild.group(1));
        assertTrue(first.out().contains("pinned version " + featuresVersion.group(1) + " of gold.customer_features"),
                first.out());
        Run pins = lake(local("pins", "--set", lakeRoot));
        assertTrue(pins.out().contains("gold.customer_features version " + featuresVersion.group(1)
                + ": \"training set " + root.resolve("ts-1") + "\" (training set"), pins.out());
        Run again = lake(local("features", "training-set", "--labels", labels.toString(), "--out",
                root.resolve("ts-2").toString(), "--as-of-versions", rebuild.group(1), "--set", lakeRoot));
        assertEquals(LakeCommand.OK, again.status(), again.err());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> a = TestSpark.session().read().format("delta")
                .load(root.resolve("ts-1").toString());
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> b = TestSpark.session().read().format("delta")
                .load(root.resolve("ts-2").toString());
        assertEquals(2, a.count());
        assertTrue(a.exceptAll(b).isEmpty() && b.exceptAll(a).isEmpty(), "the rebuild is identical");

        // The commands the demo prints last run as printed (with the demo's quality tables, as the demo had them).
        List<String> next = out.lines().dropWhile(line -> !line.startsWith("9. Next, on this lake")).skip(1)
                .takeWhile(line -> line.startsWith("     ./lake ")).map(line -> line.substring("     ./lake ".length()))
                .toList();
        assertEquals(6, next.size(), out);
        List<String> sameQuality = List.of(local("--set", "lake-root=\"" + root + "\"")).subList(2,
                local("--set", "lake-root=\"" + root + "\"").length);
        Map<String, Run> followed = new java.util.LinkedHashMap<>();
        for (String command : next) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.addAll(sameQuality);
            Run done = lake(args.toArray(String[]::new));
            assertEquals(LakeCommand.OK, done.status(), command + "\n" + done.err() + done.out());
            followed.put(command.split(" ")[0], done);
        }
        assertTrue(followed.get("status").out().contains("\ngold.daily_store_sales "), followed.get("status").out());
        assertTrue(followed.get("history").out().contains("RESTORE"), followed.get("history").out());
        // the restore (v3) holds v1's content: its lineage is v1's, the run that wrote v1 and what it read
        String lineage = followed.get("lineage").out();
        assertTrue(lineage.startsWith("gold.daily_store_sales v3 is a restore of v1: it holds v1's content"), lineage);
        assertTrue(lineage.contains("\ngold.daily_store_sales v1 <- run demo-"), lineage);
        assertTrue(!lineage.contains(" v2 <- run"), lineage);

        // ... and so do the README's commands on the demo's lake (its lake root here: the test's)
        String readme = java.nio.file.Files.readString(ROOT.resolve("README.md"));
        int block = readme.indexOf("```", readme.indexOf("On the demo's lake ("));
        List<String> documented = readme.substring(block + 3, readme.indexOf("```", block + 3)).lines()
                .filter(line -> line.startsWith("./lake ")).map(line -> line.substring("./lake ".length())
                        .replace("--set lake-root=lake-data/demo", "--set lake-root=" + root.resolve("demo")))
                .toList();
        assertEquals(4, documented.size(), documented.toString());
        for (String command : documented) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.addAll(sameQuality);
            Run done = lake(args.toArray(String[]::new));
            assertEquals(LakeCommand.OK, done.status(), "README: ./lake " + command + "\n" + done.err() + done.out());
        }

        // The catalog the demo wrote, opened in a real (headless) browser: every table, the lineage graph, and a
        // table page with its trust summary, rules and a metric chart.
        Matcher written = Pattern.compile("10\\. Catalog of the lake \\(static pages, no server\\): open file://(\\S+)")
                .matcher(out);
        assertTrue(written.find(), out);
        Path index = Path.of(written.group(1));
        String dom = io.eventlake.devtools.HeadlessChromium.dom(index);
        List<String> tables = followed.get("status").out().lines().map(line -> line.split(" +")[0])
                .filter(name -> name.matches("[a-z0-9_]+\\.[a-z0-9_]+")).toList();
        assertEquals(18, tables.size(), followed.get("status").out());
        tables.forEach(table -> assertTrue(dom.contains("data-table=\"" + table + "\""), table + " in the index"));
        assertTrue(dom.contains("<svg id=\"lineage\""), dom);
        assertTrue(dom.contains("data-node=\"kafka:retail.events\""), dom);
        assertTrue(dom.contains("data-from=\"silver.orders\" data-to=\"gold.daily_store_sales\""), dom);
        assertTrue(dom.contains("data-from=\"kafka:retail.events\" data-to=\"bronze.events\""), dom);
        Path salesPage = index.resolveSibling("gold.daily_store_sales.html");
        String sales = io.eventlake.devtools.HeadlessChromium.dom(salesPage);
        assertTrue(sales.contains("id=\"trust\""), sales);
        assertTrue(sales.contains("daily_revenue_plausible"), sales);
        assertTrue(sales.matches("(?s).*<svg class=\"chart\" data-rule=\"[a-z_]+\".*<polyline points=\"[0-9.]+,[0-9.]+.*"),
                sales);
        assertTrue(sales.contains("<td><code>store_id</code></td>"), sales);
        Path png = root.resolve("sales-page.png");
        io.eventlake.devtools.HeadlessChromium.screenshot(salesPage, png, 1200, 1600);
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                inked += (image.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        assertTrue(inked > image.getWidth() * image.getHeight() / 16 / 50, "the page rendered text and charts: "
                + inked + " non-white samples");
    }
}
