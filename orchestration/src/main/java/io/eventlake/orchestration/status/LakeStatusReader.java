package io.eventlake.orchestration.status;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventlake.bronze.BronzeEventsJob;
import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeQuarantineTable;
import io.eventlake.kafka.KafkaTopics;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.RunsTable;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Reads a {@link LakeStatus}: each table's newest version and event time from its Delta log and statistics (a
 * {@code max} Delta answers from the files' statistics), bronze's committed Kafka offsets from its checkpoint
 * against the topics' end offsets, the last run of each job from the runs table, and the quarantine tables'
 * counts by reason. Writes nothing; a table not created yet is shown as such.
 */
public final class LakeStatusReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LakeStatusReader() {
    }

    public static LakeStatus read(SparkSession spark, LakeSettings settings, Instant now) {
        Tables tables = tables(spark, settings, now);
        return new LakeStatus(settings.lakeRoot(), now, settings.staleAfter(), tables.newest(), tables.statuses(),
                lag(spark, settings), lastRuns(spark, settings), quarantine(spark, settings));
    }

    /** Every table's status and bronze's newest event, from the Delta logs alone. */
    public record Tables(Optional<Instant> newest, List<LakeStatus.TableStatus> statuses) {
        public Tables {
            statuses = List.copyOf(statuses);
        }
    }

    /** {@link Tables} of the lake now: one log replay per table, no data file read. */
    public static Tables tables(SparkSession spark, LakeSettings settings, Instant now) {
        Map<TableSpec, TableLocation> tables = new LinkedHashMap<>();
        settings.catalog().specs().forEach(spec -> tables.put(spec, settings.catalog().location(spec)));
        Map<TableSpec, TableFiles> snapshots = new LinkedHashMap<>();
        tables.forEach((spec, table) -> {
            if (DeltaTables.exists(spark, table)) {
                snapshots.put(spec, TableFiles.current(spark, table)); // one log replay per table, no data read
            }
        });
        Optional<Instant> newest = Optional.ofNullable(snapshots.get(BronzeEventsTable.SPEC))
                .flatMap(files -> newestEvent(BronzeEventsTable.SPEC, files, now));
        List<LakeStatus.TableStatus> statuses = new ArrayList<>();
        tables.forEach((spec, table) -> {
            TableFiles files = snapshots.get(spec);
            if (files == null) {
                statuses.add(new LakeStatus.TableStatus(table.name(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), false));
                return;
            }
            Optional<Instant> event = newestEvent(spec, files, now);
            Optional<Duration> behind = newest.flatMap(reference -> event.map(e -> e.isAfter(reference)
                    ? Duration.ZERO : Duration.between(e, reference)));
            statuses.add(new LakeStatus.TableStatus(table.name(), Optional.of(files.version()),
                    Optional.of(Instant.ofEpochMilli(files.timestamp())), event, behind,
                    behind.map(b -> b.compareTo(settings.staleAfter()) > 0).orElse(false)));
        });
        return new Tables(newest, statuses);
    }

    /**
     * The table's newest event time from its log's statistics (a date: the end of its day), never later than
     * {@code now}; empty without an event-time column or rows.
     */
    private static Optional<Instant> newestEvent(TableSpec spec, TableFiles files, Instant now) {
        if (spec.eventTime().isEmpty()) {
            return Optional.empty();
        }
        return files.max(spec.eventTime()).flatMap(value -> {
            try {
                Instant newest = value.length() == 10
                        ? LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : OffsetDateTime.parse(value).toInstant();
                return Optional.of(newest.isAfter(now) ? now : newest);
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty(); // an odd statistic (a year past 9999): the freshness is unknown, not fatal
            }
        });
    }

    /** Bronze's lag per topic-partition: its checkpoint's last committed offsets against the end offsets. */
    static LakeStatus.KafkaLag lag(SparkSession spark, LakeSettings settings) {
        Map<TopicPartition, Long> committed;
        try {
            committed = committedOffsets(spark, settings.bronze().checkpoint(BronzeEventsJob.NAME));
        } catch (IOException e) {
            return new LakeStatus.KafkaLag(List.of(), Optional.of("bronze's checkpoint cannot be read: " + e));
        }
        List<String> topics = settings.kafka().topics();
        Admin admin = KafkaTopics.admin(settings.kafka().bootstrapServers());
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(p ->
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            List<LakeStatus.PartitionLag> partitions = new ArrayList<>();
            latest.keySet().stream().sorted(java.util.Comparator.comparing(TopicPartition::topic)
                            .thenComparingInt(TopicPartition::partition))
                    .forEach(tp -> partitions.add(new LakeStatus.PartitionLag(tp.topic(), tp.partition(),
                            committed.getOrDefault(tp, 0L), ends.get(tp).offset())));
            return new LakeStatus.KafkaLag(partitions, Optional.empty());
        } catch (Exception e) { // an unreachable broker or a missing topic: the rest of the status still shows
            return new LakeStatus.KafkaLag(List.of(), Optional.of("Kafka at " + settings.kafka().bootstrapServers()
                    + " did not answer for " + topics + " (" + rootCause(e) + ")"));
        } finally {
            admin.close(Duration.ofSeconds(1)); // a plain close waits out the pending requests' timeouts
        }
    }

    /**
     * The offsets of the last batch the checkpoint committed: {@code offsets/<n>} of the highest {@code n} in
     * {@code commits/} (Spark's offset log: a version line, the batch metadata, then each source's offsets as
     * JSON, for Kafka {@code {"topic":{"0":42}}}); none before bronze's first batch.
     */
    static Map<TopicPartition, Long> committedOffsets(SparkSession spark, String checkpoint) throws IOException {
        Path commits = new Path(checkpoint, "commits");
        FileSystem fs = commits.getFileSystem(spark.sessionState().newHadoopConf());
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        if (!fs.exists(commits)) {
            return offsets;
        }
        long batch = -1;
        for (FileStatus file : fs.listStatus(commits)) {
            if (file.getPath().getName().matches("\\d+")) {
                batch = Math.max(batch, Long.parseLong(file.getPath().getName()));
            }
        }
        if (batch < 0) {
            return offsets;
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                fs.open(new Path(new Path(checkpoint, "offsets"), Long.toString(batch))), StandardCharsets.UTF_8))) {
            reader.lines().forEach(lines::add);
        }
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            JsonNode source = JSON.readTree(line);
            for (Iterator<Map.Entry<String, JsonNode>> topics = source.fields(); topics.hasNext(); ) {
                Map.Entry<String, JsonNode> topic = topics.next();
                topic.getValue().fields().forEachRemaining(partition -> offsets.put(new TopicPartition(
                        topic.getKey(), Integer.parseInt(partition.getKey())), partition.getValue().asLong()));
            }
        }
        return offsets;
    }

    /** The newest run of each job in the runs table, by job. */
    private static List<LakeStatus.LastRun> lastRuns(SparkSession spark, LakeSettings settings) {
        if (!DeltaTables.exists(spark, settings.runs())) {
            return List.of();
        }
        List<LakeStatus.LastRun> runs = new ArrayList<>();
        for (Row row : spark.read().format("delta").load(settings.runs().path())
                .withColumn("_n", row_number().over(Window.partitionBy(RunsTable.JOB)
                        .orderBy(desc(RunsTable.ENDED_AT))))
                .where(col("_n").equalTo(1)).orderBy(RunsTable.JOB).collectAsList()) {
            runs.add(new LakeStatus.LastRun(row.getAs(RunsTable.JOB), row.getAs(RunsTable.COMMAND),
                    row.getAs(RunsTable.RUN_ID), row.getAs(RunsTable.STATUS),
                    row.<Timestamp>getAs(RunsTable.ENDED_AT).toInstant(),
                    Optional.ofNullable(row.<String>getAs(RunsTable.ERROR))));
        }
        return runs;
    }

    /** Quarantined records by reason: bronze's by reason code, silver's by target table and reason. */
    private static Map<String, Map<String, Long>> quarantine(SparkSession spark, LakeSettings settings) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        TableLocation bronze = settings.catalog().location(BronzeQuarantineTable.SPEC);
        if (DeltaTables.exists(spark, bronze)) {
            Map<String, Long> reasons = new TreeMap<>();
            spark.read().format("delta").load(bronze.path()).groupBy(BronzeQuarantineTable.REASON_CODE).count()
                    .collectAsList().forEach(r -> reasons.put(String.valueOf(r.get(0)), r.getLong(1)));
            counts.put(bronze.name(), reasons);
        }
        TableLocation silver = settings.catalog().location(SilverQuarantineTable.SPEC);
        if (DeltaTables.exists(spark, silver)) {
            Map<String, Long> reasons = new TreeMap<>();
            spark.read().format("delta").load(silver.path())
                    .select(col(SilverQuarantineTable.TARGET_TABLE), explode(col(SilverQuarantineTable.REASONS))
                            .as("reason"))
                    .groupBy(SilverQuarantineTable.TARGET_TABLE, "reason").count().collectAsList()
                    .forEach(r -> reasons.put(r.getString(0) + " " + r.getString(1), r.getLong(2)));
            counts.put(silver.name(), reasons);
        }
        return counts;
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
