package io.eventlake.orchestration.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.eventlake.gold.RefreshInputs;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.quality.RuleVerdict;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.LakeRun;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * One run of a command, recorded in the runs table ({@link RunsTable}). While it lasts, every commit made from the
 * thread that began it (and the streaming queries that thread starts) carries its id ({@link LakeRun}). When it
 * ends, succeeded or failed, it finds its commits in every lake table, attributes each to a job (a streaming
 * query by the query id in its tag, a refresh by its tag), and appends one row per job: what it read (Kafka offset
 * ranges and table versions from the queries' progress, input versions from refresh tags), what it wrote (table
 * versions before and after), rows written, duplicates, quarantined rows and gate verdicts.
 */
public final class Run {
    private static final Logger LOG = LogManager.getLogger(Run.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    /** eventlake's version, recorded with each run. */
    public static final String APP_VERSION = Optional.ofNullable(Run.class.getPackage().getImplementationVersion())
            .orElse("0.1.0-SNAPSHOT");

    private final SparkSession spark;
    private final LakeSettings settings;
    private final String id;
    private final String command;
    private final String mode;
    private final Instant started = Instant.now();
    private final Map<String, Long> versionsAtStart = new HashMap<>();
    private final StreamProgress progress = new StreamProgress();
    private Map<String, String> tableIds;
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, List<RunInput>> declaredInputs = new TreeMap<>();

    private boolean ended;

    private Run(SparkSession spark, LakeSettings settings, String command, String mode, String id) {
        this.spark = spark;
        this.settings = settings;
        this.command = command;
        this.mode = mode;
        this.id = id != null ? id
                : command + "-" + ID_TIME.format(started) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /**
     * Runs {@code body} as a recorded run: begins it (run id on this thread, progress listener, table versions
     * noted), and ends it whether the body succeeds or throws (the failure is recorded, then rethrown).
     */
    public static void execute(SparkSession spark, LakeSettings settings, String command, String mode,
                               Consumer<Run> body) {
        execute(spark, settings, command, mode, null, body);
    }

    /** {@link #execute(SparkSession, LakeSettings, String, String, Consumer)} with a given run id. */
    public static void execute(SparkSession spark, LakeSettings settings, String command, String mode, String id,
                               Consumer<Run> body) {
        Run run = new Run(spark, settings, command, mode, id);
        run.begin();
        try {
            body.accept(run);
        } catch (RuntimeException | Error e) {
            run.end(e);
            throw e;
        }
        run.end(null);
    }

    public String id() {
        return id;
    }

    /** What a job dropped as duplicates and sent to quarantine (the commits do not say). */
    public void counts(String job, long duplicates, long quarantined) {
        counts.merge(job, new long[] {duplicates, quarantined}, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    }

    /**
     * What a job read that neither its queries' progress nor its commit tags say (e.g. a backfill's event-time
     * range of a table), recorded with its inputs.
     */
    public void reads(String job, RunInput input) {
        declaredInputs.computeIfAbsent(job, j -> new ArrayList<>()).add(input);
    }

    private void begin() {
        for (Map.Entry<String, TableLocation> table : settings.tables().entrySet()) {
            versionsAtStart.put(table.getKey(), DeltaTables.exists(spark, table.getValue())
                    ? DeltaCommits.currentVersion(spark, table.getValue()) : -1L);
        }
        spark.streams().addListener(progress);
        LakeRun.begin(spark.sparkContext(), id);
    }

    /**
     * Ends the run now and records it (a continuous run ends in its shutdown summary, before Spark stops);
     * ending again does nothing.
     */
    public void finish() {
        end(null);
    }

    private synchronized void end(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
            List<Row> rows = rows(error);
            DeltaTables.ensure(spark, settings.runs(), RunsTable.SCHEMA, RunsTable.LAYOUT);
            spark.createDataFrame(rows, RunsTable.SCHEMA).write().format("delta").mode("append")
                    .option("userMetadata", DeltaCommits.metadata(spark, new CommitTag.RunRecord(command)))
                    .save(settings.runs().path());
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            if (error == null) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            LOG.warn("run {} failed and could not be recorded: {}", id, e.toString());
        } finally {
            spark.streams().removeListener(progress);
            LakeRun.end(spark.sparkContext());
        }
    }

    /** One row per job of the run. */
    private List<Row> rows(Throwable error) {
        Map<String, JobWrites> jobs = new TreeMap<>();
        for (String query : progress.ranges().keySet()) {
            jobs.computeIfAbsent(query, JobWrites::new);
        }
        counts.keySet().forEach(job -> jobs.computeIfAbsent(job, JobWrites::new));
        declaredInputs.keySet().forEach(job -> jobs.computeIfAbsent(job, JobWrites::new));
        for (Map.Entry<String, TableLocation> table : settings.tables().entrySet()) {
            if (isBookkeeping(table.getKey()) || !DeltaTables.exists(spark, table.getValue())) {
                continue;
            }
            attribute(table.getKey(), table.getValue(), jobs);
        }
        Map<String, List<String>> verdicts = verdicts();
        Timestamp start = Timestamp.from(started);
        Timestamp end = Timestamp.from(Instant.now());
        List<Row> rows = new ArrayList<>();
        for (JobWrites job : jobs.values()) {
            List<Row> inputs = new ArrayList<>();
            for (RunInput input : inputs(job)) {
                inputs.add(RowFactory.create(input.source(), input.kind(), input.from(), input.to()));
            }
            List<Row> outputs = new ArrayList<>();
            List<String> gates = new ArrayList<>();
            for (RunOutput output : job.outputs()) {
                outputs.add(RowFactory.create(output.table(), output.before(), output.after()));
                gates.addAll(verdicts.getOrDefault(output.table(), List.of()));
            }
            long[] count = counts.getOrDefault(job.name, new long[2]);
            rows.add(RowFactory.create(id, job.name, command, mode, error == null ? "succeeded" : "failed", start,
                    end, inputs, outputs, job.rows, count[0], count[1], gates, APP_VERSION,
                    error == null ? null : error.getMessage()));
        }
        if (rows.isEmpty()) {
            rows.add(RowFactory.create(id, command, command, mode, error == null ? "succeeded" : "failed", start, end,
                    List.of(), List.of(), 0L, 0L, 0L, List.of(), APP_VERSION,
                    error == null ? null : error.getMessage()));
        }
        return rows;
    }

    private boolean isBookkeeping(String table) {
        return table.equals(settings.runs().name()) || table.equals(settings.qualityGates().results().name());
    }

    /** Adds the run's commits to {@code table} to the jobs that made them. */
    private void attribute(String name, TableLocation table, Map<String, JobWrites> jobs) {
        long before = versionsAtStart.getOrDefault(name, -1L);
        long newest = DeltaCommits.currentVersion(spark, table);
        if (newest <= before) {
            return; // nothing committed during the run: no history read
        }
        // only the commits made since the run began (a long-lived table's whole history is never read)
        List<Row> commits = DeltaTable.forPath(spark, table.path()).history((int) Math.min(Integer.MAX_VALUE,
                        newest - before)).where(functions.col("version").gt(before))
                .orderBy("version").select("version", "userMetadata", "operationMetrics").collectAsList();
        String lastJob = null;
        for (Row commit : commits) {
            Optional<DeltaCommits.CommitInfo> info = DeltaCommits.parse(commit.getString(1));
            if (info.isEmpty() || !info.get().run().map(id::equals).orElse(false)) {
                continue;
            }
            String job = job(info.get(), lastJob);
            lastJob = job;
            JobWrites writes = jobs.computeIfAbsent(job, JobWrites::new);
            writes.add(name, commit.getLong(0), info.get().tag(), commit.isNullAt(2) ? 0
                    : TableHistory.rowsChanged(commit.getJavaMap(2)));
        }
    }

    private String job(DeltaCommits.CommitInfo info, String lastJob) {
        CommitTag tag = info.tag();
        if (tag instanceof CommitTag.Refresh refresh) {
            return refresh.job();
        }
        if (tag instanceof CommitTag.Maintenance) {
            return "maintain";
        }
        if (tag instanceof CommitTag.Backfill backfill) {
            return backfill.job();
        }
        if (tag instanceof CommitTag.Restore restore) {
            return restore.afterFailedAudit() && lastJob != null ? lastJob : "rollback";
        }
        String query = tag instanceof CommitTag.Batch batch ? progress.name(batch.queryId()) : null;
        return query != null ? query : "other";
    }

    /** What a job read: its queries' source ranges, or for a refresh the input versions of its tags. */
    private List<RunInput> inputs(JobWrites job) {
        List<RunInput> inputs = new ArrayList<>(declaredInputs.getOrDefault(job.name, List.of()));
        for (Map.Entry<String, String[]> source : progress.ranges().getOrDefault(job.name, Map.of()).entrySet()) {
            inputs.add(input(source.getValue()[0], source.getValue()[1]));
        }
        if (job.refreshTag != null) {
            RefreshInputs to = RefreshInputs.fromTag(job.name, job.refreshTag).orElseThrow();
            TableLocation table = settings.tables().get(job.refreshTable);
            Optional<RefreshInputs> from = DeltaCommits.lastTagged(spark, table,
                            tag -> RefreshInputs.isRefreshOf(job.name, tag), job.firstVersion - 1)
                    .flatMap(previous -> RefreshInputs.fromTag(job.name, previous.tag()));
            to.versions().forEach((input, version) -> inputs.add(new RunInput(input, RunInput.TABLE,
                    String.valueOf(from.flatMap(f -> f.version(input)).map(v -> v + 1).orElse(0L)),
                    String.valueOf(version))));
        }
        return inputs;
    }

    /**
     * The input a source's offsets describe, read from the offsets' documented JSON (never from the source's
     * description text): a Delta source's {@code reservoirId} is the id of the table it reads; a Kafka source's
     * offsets are keyed by topic.
     */
    private RunInput input(String start, String end) {
        JsonNode offset = json(end);
        if (offset != null && offset.has("reservoirId")) {
            String name = tableIds().get(offset.get("reservoirId").asText());
            if (name != null) {
                return new RunInput(name, RunInput.TABLE, deltaVersion(start, false), deltaVersion(end, true));
            }
        } else if (offset != null && offset.isObject() && offset.size() > 0) {
            List<String> topics = new ArrayList<>();
            offset.fieldNames().forEachRemaining(topics::add);
            return new RunInput(String.join(",", new TreeSet<>(topics)), RunInput.KAFKA, start, end);
        }
        return new RunInput("unknown source", "other", start, end);
    }

    /** The lake's tables by Delta table id (what a Delta source's offsets name), read once per run. */
    private Map<String, String> tableIds() {
        if (tableIds == null) {
            tableIds = new HashMap<>();
            settings.tables().forEach((name, table) -> {
                if (DeltaTables.exists(spark, table)) {
                    tableIds.put(DeltaTables.tableId(spark, table), name);
                }
            });
        }
        return tableIds;
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /**
     * The last table version a Delta source offset covers: {@code reservoirVersion}, or the version before it when
     * the offset stands at the start of that version ({@code index = -1}: nothing of it read yet).
     */
    private static String deltaVersion(String offset, boolean end) {
        try {
            JsonNode node = JSON.readTree(offset);
            if (node == null || !node.has("reservoirVersion")) {
                return offset;
            }
            long version = node.get("reservoirVersion").asLong();
            boolean atStart = node.has("index") && node.get("index").asLong() == -1;
            return String.valueOf(end && atStart ? version - 1 : version);
        } catch (java.io.IOException e) {
            return offset;
        }
    }

    /** Per table, the verdicts of the run's checks: {@code <table>/<rule>=<worst verdict>}. */
    private Map<String, List<String>> verdicts() {
        TableLocation results = settings.qualityGates().results();
        Map<String, List<String>> verdicts = new HashMap<>();
        if (!DeltaTables.exists(spark, results)) {
            return verdicts;
        }
        for (Row row : spark.read().format("delta").load(results.path())
                .where(functions.col("run_id").equalTo(id))
                .groupBy("table_name", "rule").agg(functions.collect_set("verdict"))
                .orderBy("table_name", "rule").collectAsList()) {
            List<String> seen = row.getList(2);
            String worst = RuleVerdict.Status.worst(seen.stream().map(RuleVerdict.Status::of).toList()).text();
            verdicts.computeIfAbsent(row.getString(0), t -> new ArrayList<>())
                    .add(row.getString(0) + "/" + row.getString(1) + "=" + worst);
        }
        return verdicts;
    }

    /** The commits one job made in this run. */
    private static final class JobWrites {
        final String name;
        final Map<String, long[]> versions = new LinkedHashMap<>();
        long rows;
        CommitTag refreshTag;
        String refreshTable;
        long firstVersion;

        JobWrites(String name) {
            this.name = name;
        }

        void add(String table, long version, CommitTag tag, long changed) {
            versions.merge(table, new long[] {version - 1, version},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            rows += changed;
            if (tag instanceof CommitTag.Refresh) {
                if (refreshTag == null) {
                    firstVersion = version;
                }
                refreshTag = tag;
                refreshTable = table;
            }
        }

        List<RunOutput> outputs() {
            List<RunOutput> outputs = new ArrayList<>();
            new TreeSet<>(versions.keySet()).forEach(t -> outputs.add(new RunOutput(t, versions.get(t)[0],
                    versions.get(t)[1])));
            return outputs;
        }
    }
}
