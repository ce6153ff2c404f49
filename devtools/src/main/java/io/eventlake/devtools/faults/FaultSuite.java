package io.eventlake.devtools.faults;

import io.eventlake.devtools.config.DevSettings;
import static org.apache.spark.sql.functions.col;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeQuarantineTable;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeErrors;
import io.eventlake.errors.LakeException;
import io.eventlake.devtools.LocalDirs;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.SilverReconciliation;
import io.eventlake.devtools.generate.EventFuzzer;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.GeneratedEvent;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.orchestration.guard.LakeLock;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.table.TableLocation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Injects faults into a real lake and accounts for every record: each scenario runs the production CLI
 * ({@code lake pipeline}) in processes of its own against a broker of its own, then counts, by Kafka coordinates and
 * table keys, what was sent, landed, quarantined, lost and duplicated, and checks that every silver table adds up.
 *
 * <p>Scenarios: a fuzz corpus of mutated events; {@code kill -9} of the continuous pipeline (bronze, silver and
 * inventory streams) at seeded random moments, restarted each time; a second process on the lake while it runs; the
 * broker stopped mid-stream and started again; where the machine allows mounting a tmpfs (root), a lake whose file
 * system turns read-only or full. Deterministic for a seed, apart from where a kill lands.
 */
public final class FaultSuite {
    /** The scenarios, in the order they run. */
    public enum Scenario {
        /** A corpus of mutated events through bronze and silver. */
        FUZZ,
        /** kill -9 of the running pipeline, and a second process on the lake while it runs. */
        KILL,
        /** The broker stopped mid-stream and started again. */
        BROKER_OUTAGE,
        /** The lake's file system turned read-only, then full (a tmpfs: needs root). */
        FILE_SYSTEM
    }

    /**
     * @param fuzzEvents mutated events in the fuzz scenario
     * @param killEvents generated events (with every fault kind) in the kill and outage scenarios
     * @param kills      how many times the pipeline is killed
     * @param scenarios  which scenarios to run
     * @param seed       the events' and kill moments' seed
     */
    public record Settings(int fuzzEvents, int killEvents, int kills, java.util.Set<Scenario> scenarios, long seed) {
        public Settings {
            scenarios = java.util.Set.copyOf(scenarios);
        }
    }

    private static final long CHILD_TIMEOUT_MINUTES = 10;

    private final Settings settings;
    private final LakeSettings lake;
    private final DevSettings dev;
    private final ContractRegistry contracts;
    private final List<String> childConfig;
    private final PrintStream out;
    private final Random random;
    private final String piiKey;
    /** Where the child processes' logs go: outside every scenario's lake (one may turn read-only). */
    private Path logs;

    /**
     * @param childConfig the configuration arguments a child {@code lake} process needs ({@code --conf-dir},
     *                    {@code --env}, ...), before the suite's own {@code --set}s
     */
    public FaultSuite(Settings settings, LakeSettings lake, DevSettings dev, ContractRegistry contracts, List<String> childConfig,
                      PrintStream out) {
        this.settings = settings;
        this.lake = lake;
        this.dev = dev;
        this.contracts = contracts;
        this.childConfig = List.copyOf(childConfig);
        this.out = out;
        this.random = new Random(settings.seed());
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.piiKey = HexFormat.of().formatHex(key);
    }

    /** Runs every scenario, prints the table, and returns the outcomes. */
    public List<FaultOutcome> run(Function<LakeSettings, SparkSession> sessions) {
        if (!lake.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", lake.lakeRoot(),
                    "a local folder for the fault suite (it runs a local broker and kills local processes)",
                    "lake-data");
        }
        Path root = lake.localDir("faults");
        LocalDirs.deleteRecursively(root);
        logs = root.resolve("_logs");
        List<FaultOutcome> outcomes = new ArrayList<>();
        LocalKafkaBroker.Settings brokerSettings = LocalKafkaBroker.Settings.onFreePorts(root.resolve("_kafka"),
                dev.localKafka().classpathFile(), "1g");
        LocalKafkaBroker broker = LocalKafkaBroker.start(brokerSettings);
        try {
            SparkSession spark = sessions.apply(lake);
            out.println("Fault suite: lake under " + root + ", broker on " + broker.bootstrapServers());
            if (settings.scenarios().contains(Scenario.FUZZ)) {
                outcomes.add(report(fuzz(spark, broker, root.resolve("fuzz"))));
            }
            if (settings.scenarios().contains(Scenario.KILL)) {
                KillOutcome kills = kills(spark, broker, root.resolve("kill"));
                outcomes.add(report(kills.kills()));
                outcomes.add(report(kills.secondProcess()));
            }
            if (settings.scenarios().contains(Scenario.BROKER_OUTAGE)) {
                broker = brokerOutage(spark, broker, brokerSettings, root.resolve("outage"), outcomes);
            }
            if (settings.scenarios().contains(Scenario.FILE_SYSTEM)) {
                outcomes.add(report(fileSystem(spark, broker, root.resolve("read-only"), true)));
                outcomes.add(report(fileSystem(spark, broker, root.resolve("full-disk"), false)));
            }
        } finally {
            broker.close();
        }
        out.println();
        out.println(FaultOutcome.header());
        outcomes.forEach(o -> out.println(o.render()));
        long lost = outcomes.stream().mapToLong(FaultOutcome::lost).sum();
        long duplicated = outcomes.stream().mapToLong(FaultOutcome::duplicated).sum();
        out.printf("%d faults injected in %d scenarios: %d records lost, %d duplicated, %d scenarios failed%n",
                outcomes.stream().mapToLong(FaultOutcome::faults).sum(), outcomes.size(), lost, duplicated,
                outcomes.stream().filter(o -> !o.clean()).count());
        out.flush();
        return outcomes;
    }

    private FaultOutcome report(FaultOutcome outcome) {
        out.println("  " + outcome.render());
        out.flush();
        return outcome;
    }

    // ---- scenarios ------------------------------------------------------------------------------------------

    private FaultOutcome fuzz(SparkSession spark, LocalKafkaBroker broker, Path root) {
        String topic = "faults.fuzz";
        EventFuzzer fuzzer = new EventFuzzer(settings.fuzzEvents(), settings.seed(), contracts);
        List<GeneratedEvent> events = new ArrayList<>();
        long mutated = 0;
        while (fuzzer.hasNext()) {
            EventFuzzer.Fuzzed record = fuzzer.next();
            mutated += record.mutation() == EventFuzzer.Mutation.NONE ? 0 : 1;
            events.add(new GeneratedEvent(record.key(), record.value(), FaultKind.VALID));
        }
        new KafkaEventWriter(broker.bootstrapServers()).send(topic, 3, events.iterator(), 0);
        List<String> problems = new ArrayList<>();
        // bronze and silver only: gold's audits rightly block the absurd (valid) amounts a fuzz corpus holds
        child(root, broker, topic, "bronze", "--available-now").start().awaitExit(0, problems);
        child(root, broker, topic, "silver", "--available-now").start().awaitExit(0, problems);
        return count(spark, root, "fuzz corpus (mutated events)", mutated, events.size(), problems);
    }

    private record KillOutcome(FaultOutcome kills, FaultOutcome secondProcess) {
    }

    private KillOutcome kills(SparkSession spark, LocalKafkaBroker broker, Path root) {
        String topic = "faults.kill";
        int chunk = Math.max(1, settings.killEvents() / (settings.kills() + 1));
        Map<String, Long> quarantine = new TreeMap<>(); // what bronze must quarantine, per reason
        long sent = send(broker, topic, chunk, 0, quarantine);
        List<String> problems = new ArrayList<>();
        FaultOutcome second = null;
        for (int kill = 0; kill < settings.kills(); kill++) {
            Child running = child(root, broker, topic, "pipeline").start();
            running.awaitLock(lake.bronze().events().name(), problems);
            if (second == null) {
                second = secondProcess(root, running);
            }
            long target = bronzeCommits(root) + 1 + random.nextInt(3);
            long sentSoFar = sent;
            running.awaitProgress(() -> bronzeCommits(root) >= target || landed(spark, root) >= sentSoFar, problems);
            sleepMillis(random.nextInt(1500)); // land anywhere: mid-batch in bronze, silver or inventory
            running.kill();
            sent += send(broker, topic, chunk, sent, quarantine);
        }
        Child drain = child(root, broker, topic, "pipeline", "--available-now").start();
        drain.awaitExit(0, problems);
        Map<String, Long> quarantined = quarantinedByReason(spark, root);
        if (!quarantined.equals(quarantine)) {
            problems.add("bronze quarantine by reason " + quarantined + ", expected " + quarantine);
        }
        return new KillOutcome(count(spark, root, "kill -9 of the running pipeline", settings.kills(), sent, problems),
                second);
    }

    /**
     * A second writer of a table the running pipeline writes: refused at once, naming the table and the holder.
     */
    private FaultOutcome secondProcess(Path root, Child holder) {
        List<String> problems = new ArrayList<>();
        long started = System.nanoTime();
        String table = lake.bronze().events().name();
        try (LakeLock lock = LakeLock.open(root.toString(), "lake bronze (fault suite)", 0)) {
            lock.write(List.of(table));
            problems.add("a second writer got " + table + " while the pipeline ran");
        } catch (LakeException e) {
            double seconds = (System.nanoTime() - started) / 1e9;
            if (e.code() != ErrorCode.TABLE_LOCKED || !e.getMessage().contains("pid " + holder.pid())
                    || !e.getMessage().startsWith("Table " + table + " ")) {
                problems.add("refused without naming the holder: " + e.getMessage());
            } else if (seconds > 30) {
                problems.add("refused after " + seconds + " s");
            }
        }
        return new FaultOutcome("second writer of one table", 1, 0, 0, 0, 0, 0, problems);
    }

    private LocalKafkaBroker brokerOutage(SparkSession spark, LocalKafkaBroker broker,
                                          LocalKafkaBroker.Settings brokerSettings, Path root,
                                          List<FaultOutcome> outcomes) {
        String topic = "faults.outage";
        int chunk = Math.max(1, settings.killEvents() / 2);
        long sent = send(broker, topic, chunk, 0);
        List<String> problems = new ArrayList<>();
        Child running = child(root, broker, topic, "pipeline").start();
        running.awaitLock(lake.bronze().events().name(), problems);
        running.awaitProgress(() -> bronzeCommits(root) >= 1, problems);
        broker.close();
        sleepMillis(10_000); // the pipeline keeps running without its broker
        LocalKafkaBroker restarted = LocalKafkaBroker.start(brokerSettings);
        sent += send(restarted, topic, chunk, sent);
        long expected = sent;
        running.awaitProgress(() -> landed(spark, root) >= expected, problems);
        running.stop(problems);
        Child drain = child(root, restarted, topic, "pipeline", "--available-now").start();
        drain.awaitExit(0, problems);
        outcomes.add(report(count(spark, root, "broker down 10 s mid-stream", 1, sent, problems)));
        return restarted;
    }

    /** A lake on a tmpfs turned read-only (or filled): refused within 30 s, then the same command succeeds. */
    private FaultOutcome fileSystem(SparkSession spark, LocalKafkaBroker broker, Path root, boolean readOnly) {
        String scenario = readOnly ? "lake file system read-only" : "lake file system full";
        List<String> problems = new ArrayList<>();
        String topic = readOnly ? "faults.read-only" : "faults.full-disk";
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!sh(problems, "mount", "-t", "tmpfs", "-o", "size=" + (readOnly ? "512m" : "160m"), "tmpfs",
                root.toString())) {
            return new FaultOutcome(scenario + " (not run: mount needs root)", 0, 0, 0, 0, 0, 0, List.of());
        }
        try {
            Path lakeDir = root.resolve("lake");
            long sent = send(broker, topic, 50, 0);
            child(lakeDir, broker, topic, "pipeline", "--available-now").start().awaitExit(0, problems);
            sent += send(broker, topic, 50, sent);
            Path filler = root.resolve("filler");
            if (readOnly) {
                sh(problems, "mount", "-o", "remount,ro", root.toString());
            } else {
                fill(filler, root);
            }
            long started = System.nanoTime();
            Child refused = child(lakeDir, broker, topic, "pipeline", "--available-now").start();
            refused.awaitExit(LakeCommand.FAILED, problems);
            double seconds = (System.nanoTime() - started) / 1e9;
            String expected = readOnly ? "cannot be written" : "free space there";
            if (!refused.log().contains(expected)) {
                problems.add("the refusal does not say '" + expected + "': see " + refused.logFile());
            }
            if (seconds > 60) { // includes the JVM's start
                problems.add("refused after " + (int) seconds + " s");
            }
            if (readOnly) {
                sh(problems, "mount", "-o", "remount,rw", root.toString());
            } else {
                deleteQuietly(filler);
            }
            child(lakeDir, broker, topic, "pipeline", "--available-now").start().awaitExit(0, problems);
            return count(spark, lakeDir, scenario, 1, sent, problems);
        } finally {
            sh(new ArrayList<>(), "umount", "-l", root.toString());
        }
    }

    // ---- counting -------------------------------------------------------------------------------------------

    private FaultOutcome count(SparkSession spark, Path root, String scenario, long faults, long sent,
                               List<String> problems) {
        LakeSettings at = lake.withLakeRoot(root.toString());
        Path events = Path.of(at.bronze().events().path());
        if (!Files.isDirectory(events.resolve("_delta_log"))) {
            problems.add("no bronze table at " + events);
            return new FaultOutcome(scenario, faults, sent, 0, 0, sent, 0, problems);
        }
        Dataset<Row> bronze = spark.read().format("delta").load(events.toString());
        long rows = bronze.count();
        long landed = bronze.select(BronzeEventsTable.TOPIC, BronzeEventsTable.PARTITION, BronzeEventsTable.OFFSET)
                .distinct().count();
        long quarantined = bronze.where(col(BronzeEventsTable.IS_VALID).equalTo(false)).count();
        long duplicated = rows - landed;
        SilverTableLocations t = at.silver().tables();
        Map<TableLocation, String[]> keys = Map.of(t.orders(), new String[] {"event_id"},
                t.orderLines(), new String[] {"event_id", "line_number"}, t.payments(), new String[] {"event_id"},
                t.returns(), new String[] {"event_id"}, t.inventoryMovements(), new String[] {"event_id"},
                t.customers(), new String[] {"event_id"}, t.customersCurrent(), new String[] {"customer_id"});
        for (Map.Entry<TableLocation, String[]> table : keys.entrySet()) {
            if (!Files.isDirectory(Path.of(table.getKey().path(), "_delta_log"))) {
                problems.add("no table " + table.getKey().name());
                continue;
            }
            Dataset<Row> silver = spark.read().format("delta").load(table.getKey().path());
            duplicated += silver.count() - silver.dropDuplicates(table.getValue()).count();
        }
        if (problems.stream().noneMatch(p -> p.startsWith("no table"))) {
            for (SilverReconciliation table : SilverReconciliation.all(spark, at.silver())) {
                if (!table.addsUp()) {
                    problems.add(table.render().trim());
                }
            }
        }
        return new FaultOutcome(scenario, faults, sent, landed, quarantined, Math.max(0, sent - landed), duplicated,
                problems);
    }

    private long landed(SparkSession spark, Path root) {
        Path events = Path.of(lake.withLakeRoot(root.toString()).bronze().events().path());
        try {
            return Files.isDirectory(events.resolve("_delta_log"))
                    ? spark.read().format("delta").load(events.toString()).count() : 0;
        } catch (Exception e) { // created but not committed yet (Delta's AnalysisException is checked for Java)
            return 0;
        }
    }

    private long bronzeCommits(Path root) {
        Path log = Path.of(lake.withLakeRoot(root.toString()).bronze().events().path(), "_delta_log");
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (var files = Files.list(log)) {
            return Math.max(0, files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count() - 1);
        } catch (IOException e) {
            return 0;
        }
    }

    private long send(LocalKafkaBroker broker, String topic, int count, long offset) {
        return send(broker, topic, count, offset, new TreeMap<>());
    }

    /** Sends {@code count} generated events; adds what bronze must quarantine of them to {@code quarantine}. */
    private long send(LocalKafkaBroker broker, String topic, int count, long offset, Map<String, Long> quarantine) {
        GenerationReport report = new KafkaEventWriter(broker.bootstrapServers()).send(topic, 3, new EventGenerator(
                dev.generator().withCount(count).withSeed(settings.seed() + offset), contracts), 0);
        report.expectedQuarantine().forEach((reason, n) -> quarantine.merge(reason, n, Long::sum));
        return report.total();
    }

    private Map<String, Long> quarantinedByReason(SparkSession spark, Path root) {
        Map<String, Long> byReason = new TreeMap<>();
        Path table = Path.of(lake.withLakeRoot(root.toString()).bronze().quarantine().path());
        if (Files.isDirectory(table.resolve("_delta_log"))) {
            for (Row row : spark.read().format("delta").load(table.toString())
                    .groupBy(BronzeQuarantineTable.REASON_CODE).count().collectAsList()) {
                byReason.put(row.getString(0), row.getLong(1));
            }
        }
        return byReason;
    }

    // ---- child processes ------------------------------------------------------------------------------------

    private ChildBuilder child(Path root, LocalKafkaBroker broker, String topic, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(childConfig);
        args.addAll(List.of("--set", "lake-root=\"" + root + "\"",
                "--set", "kafka.bootstrap-servers=\"" + broker.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "kafka.max-offsets-per-trigger=200",
                "--set", "spark.catalog=in-memory",
                "--set", "spark.shuffle-partitions=2",
                "--set", "bronze.trigger-interval=500ms",
                "--set", "silver.trigger-interval=500ms",
                "--set", "gold.inventory.alerts-topic=\"" + topic + ".alerts\""));
        return new ChildBuilder(root, args);
    }

    private final class ChildBuilder {
        private final Path root;
        private final List<String> args;

        ChildBuilder(Path root, List<String> args) {
            this.root = root;
            this.args = args;
        }

        Child start() {
            List<String> java = new ArrayList<>();
            java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            java.add("-Xmx1500m");
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (option.startsWith("--add-opens") || option.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || option.startsWith("-Djdk.reflect") || option.startsWith("-Dio.netty")
                        || option.startsWith("-Dlog4j2.configurationFile")) {
                    java.add(option);
                }
            }
            java.addAll(List.of("-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"),
                    io.eventlake.devtools.cli.DevLakeCommand.class.getName()));
            java.addAll(args);
            try {
                Files.createDirectories(logs);
                Path log = Files.createTempFile(logs, root.getFileName() + "-" + args.get(0) + "-", ".log");
                ProcessBuilder builder = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().put("EVENTLAKE_PII_KEY", piiKey);
                builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
                return new Child(builder.start(), log, root);
            } catch (IOException e) {
                throw new UncheckedIOException("starting a lake process failed", e);
            }
        }
    }

    /** A {@code lake} process of the suite, its output in a log file. */
    private record Child(Process process, Path logFile, Path root) {
        long pid() {
            return process.pid();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitExit(int expected, List<String> problems) {
            try {
                if (!process.waitFor(CHILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    problems.add("a lake process hung for " + CHILD_TIMEOUT_MINUTES + " minutes: see " + logFile);
                } else if (process.exitValue() != expected) {
                    problems.add("a lake process exited " + process.exitValue() + ", not " + expected + ": see "
                            + logFile);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Waits until the process holds the lock of {@code table} (it has loaded its settings and opened the lake). */
        void awaitLock(String table, List<String> problems) {
            Path lock = root.resolve(LakeLock.DIR).resolve(table + ".lock");
            awaitProgress(() -> {
                try {
                    return Files.exists(lock) && Files.readString(lock).startsWith("pid " + pid() + ",");
                } catch (IOException e) {
                    return false;
                }
            }, problems);
        }

        void awaitProgress(Supplier<Boolean> condition, List<String> problems) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(CHILD_TIMEOUT_MINUTES);
            while (!condition.get()) {
                if (!process.isAlive()) {
                    problems.add("a lake process ended early (exit " + process.exitValue() + "): see " + logFile);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    problems.add("no progress in " + CHILD_TIMEOUT_MINUTES + " minutes: see " + logFile);
                    return;
                }
                sleepMillis(100);
            }
        }

        /** SIGKILL: no shutdown hook, no graceful stop. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** SIGTERM: the pipeline stops its queries and records its run. */
        void stop(List<String> problems) {
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    problems.add("the pipeline did not stop on SIGTERM within 2 minutes: see " + logFile);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean sh(List<String> problems, String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            boolean ok = process.waitFor() == 0;
            if (!ok && !command[0].equals("mount")) {
                problems.add(String.join(" ", command) + ": " + output.trim());
            }
            return ok;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fills the file system of {@code root} until less than the 64 MB a run needs is left. */
    private static void fill(Path filler, Path root) {
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            while (Files.getFileStore(root).getUsableSpace() > 32L << 20) {
                file.write(block);
            }
        } catch (IOException e) {
            // full: what was wanted
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the rerun will say so
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
