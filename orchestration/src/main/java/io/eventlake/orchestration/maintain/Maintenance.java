package io.eventlake.orchestration.maintain;

import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import io.eventlake.errors.LakeErrors;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Maintains one table at a time: sets its retention, checkpoint and auto-compaction properties
 * ({@link MaintenanceSettings#tableProperties}), compacts every partition holding more than one file (z-ordered by
 * the spec's {@link io.eventlake.table.TableLayout#zOrder} columns, else bin-packed), then VACUUMs the files no
 * version within the retention reads.
 *
 * <p>Pinned versions ({@link Pins}) stay readable: before deleting, it asks VACUUM which files it would delete (its
 * dry run) and compares them with the files of each pinned version. When some are a pinned version's, it refuses to
 * delete them, naming the pin: that table's retention is widened just enough to keep them (and the widened dry run
 * checked again). OPTIMIZE and VACUUM never change what any version reads; a second run finds nothing to compact.
 */
public final class Maintenance {
    private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";
    /** Delta's session setting of the {@code userMetadata} of every commit, OPTIMIZE and VACUUM included. */
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final MaintenanceSettings settings;
    private final Pins pins;

    public Maintenance(MaintenanceSettings settings, Pins pins) {
        this.settings = settings;
        this.pins = pins;
    }

    /**
     * Files of a pinned version a VACUUM would have deleted, kept.
     *
     * @param pin   the pin
     * @param files how many of its files
     */
    public record Hold(Pins.Pin pin, int files) {
    }

    /**
     * What maintenance did to one table, or would do ({@code dryRun}).
     *
     * @param table          the table's name
     * @param dryRun         whether nothing was changed
     * @param filesBefore    data files of its newest version before
     * @param bytesBefore    their bytes
     * @param filesAfter     after compaction (before, on a dry run)
     * @param bytesAfter     their bytes
     * @param compacted      partitions compacted (or to compact)
     * @param zOrder         the columns the compaction clusters by; empty for bin-packing
     * @param properties     table properties set (or to set), property to value
     * @param vacuumed       files VACUUM deleted (or would delete)
     * @param retentionHours the retention VACUUM used: the configured one, or wider to keep pinned files
     * @param holds          pinned versions whose files VACUUM kept
     * @param seconds        how long it took
     */
    public record TableReport(String table, boolean dryRun, long filesBefore, long bytesBefore, long filesAfter,
                              long bytesAfter, int compacted, List<String> zOrder, Map<String, String> properties,
                              long vacuumed, long retentionHours, List<Hold> holds, double seconds) {
        public TableReport {
            zOrder = List.copyOf(zOrder);
            properties = Map.copyOf(properties);
            holds = List.copyOf(holds);
        }
    }

    /** Maintains {@code table} (the spec says its z-order columns); {@code dryRun} reports and changes nothing. */
    public TableReport maintain(SparkSession spark, TableSpec spec, TableLocation table, boolean dryRun) {
        long start = System.nanoTime();
        if (!DeltaTables.exists(spark, table)) {
            throw LakeErrors.tableMissing(table.name(), table.path(), "lake maintain",
                    "run the job that writes it first, or leave it out of --tables.");
        }
        TableFiles before = TableFiles.current(spark, table);
        Map<String, String> properties = propertiesToSet(spark, table);
        if (!dryRun && !properties.isEmpty()) {
            tagged(spark, "properties", () -> spark.sql("ALTER TABLE " + quoted(table) + " SET TBLPROPERTIES ("
                    + properties.entrySet().stream().map(p -> "'" + p.getKey() + "' = '" + p.getValue() + "'")
                    .collect(Collectors.joining(", ")) + ")"));
        }
        List<Map<String, String>> toCompact = before.filesPerPartition().entrySet().stream()
                .filter(partition -> partition.getValue() > 1).map(Map.Entry::getKey).toList();
        List<String> zOrder = spec.layout().zOrder();
        TableFiles after = before;
        if (!dryRun && !toCompact.isEmpty()) {
            DeltaOptimizeBuilder optimize = spec.layout().partitionColumns().isEmpty()
                    ? DeltaTable.forPath(spark, table.path()).optimize()
                    : DeltaTable.forPath(spark, table.path()).optimize().where(inPartitions(toCompact));
            tagged(spark, "optimize", () -> {
                if (zOrder.isEmpty()) {
                    optimize.executeCompaction();
                } else {
                    optimize.executeZOrderBy(zOrder.toArray(String[]::new));
                }
            });
            after = TableFiles.current(spark, table);
        }
        Vacuum vacuum = vacuum(spark, table, after.filesPerPartition().size(), dryRun);
        return new TableReport(table.name(), dryRun, before.files().size(), before.bytes(), after.files().size(),
                after.bytes(), toCompact.size(), zOrder, properties, vacuum.deleted(), vacuum.retentionHours(),
                vacuum.holds(), (System.nanoTime() - start) / 1e9);
    }

    /** What a VACUUM deleted, with which retention, keeping which pinned versions' files. */
    private record Vacuum(long deleted, long retentionHours, List<Hold> holds) {
    }

    private Vacuum vacuum(SparkSession spark, TableLocation table, int folders, boolean dryRun) {
        long hours = settings.vacuumRetentionHours();
        List<String> candidates = wouldDelete(spark, table, folders, hours);
        List<Hold> holds = new ArrayList<>();
        long oldestHeld = Long.MAX_VALUE;
        for (Pins.Pin pin : pins.of(spark, table.name())) {
            TableFiles pinned = pinnedFiles(spark, table, pin);
            Map<String, Long> written = new LinkedHashMap<>();
            pinned.files().forEach(file -> written.put(file.name(), file.modificationTime()));
            int held = 0;
            for (String candidate : candidates) {
                Long modified = written.get(candidate.substring(candidate.lastIndexOf('/') + 1));
                if (modified != null) {
                    held++;
                    oldestHeld = Math.min(oldestHeld, modified);
                }
            }
            if (held > 0) {
                holds.add(new Hold(pin, held));
            }
        }
        if (!holds.isEmpty()) {
            // VACUUM deletes files written before now - retention: retain from just before the oldest held one
            long widened = Duration.between(Instant.ofEpochMilli(oldestHeld), Instant.now()).toHours() + 2;
            hours = Math.max(hours, widened);
            candidates = wouldDelete(spark, table, folders, hours);
            Set<String> stillHeld = pinnedNames(spark, table, holds);
            List<String> lost = candidates.stream().filter(c -> stillHeld.contains(c.substring(c.lastIndexOf('/')
                    + 1))).toList();
            if (!lost.isEmpty()) {
                throw LakeErrors.vacuumWouldBreakPin(table.name(), holds.get(0).pin().describe(), lost.size(),
                        holds.get(0).pin().version());
            }
        }
        long retention = hours;
        if (!dryRun && !candidates.isEmpty()) {
            tagged(spark, "vacuum", () -> withRetention(spark, folders, retention,
                    () -> spark.sql("VACUUM " + quoted(table) + " RETAIN " + retention + " HOURS")));
        }
        return new Vacuum(candidates.size(), retention, holds);
    }

    private static Set<String> pinnedNames(SparkSession spark, TableLocation table, List<Hold> holds) {
        Set<String> names = new java.util.HashSet<>();
        holds.forEach(hold -> names.addAll(pinnedFiles(spark, table, hold.pin()).names()));
        return names;
    }

    private static TableFiles pinnedFiles(SparkSession spark, TableLocation table, Pins.Pin pin) {
        try {
            return TableFiles.at(spark, table, pin.version());
        } catch (RuntimeException e) { // Delta's own when the log no longer holds the version
            throw LakeErrors.pinnedVersionGone(table.name(), pin.describe(), e);
        }
    }

    /** The files {@code VACUUM ... RETAIN hours HOURS} would delete (its dry run), absolute paths. */
    private static List<String> wouldDelete(SparkSession spark, TableLocation table, int folders, long hours) {
        List<String> paths = new ArrayList<>();
        withRetention(spark, folders, hours, () -> {
            for (Row row : spark.sql("VACUUM " + quoted(table) + " RETAIN " + hours + " HOURS DRY RUN")
                    .collectAsList()) {
                paths.add(row.getString(0));
            }
        });
        return paths;
    }

    /**
     * Runs {@code vacuum} with Delta's retention check off when {@code hours} is below its safe default: the
     * retention is ours, and {@code lake maintain} holds the table's write lock against eventlake's writers.
     */
    private static void withRetention(SparkSession spark, int folders, long hours, Runnable vacuum) {
        Map<String, String> conf = new LinkedHashMap<>();
        if (hours < MaintenanceSettings.DELTA_SAFE_RETENTION.toHours()) {
            conf.put(RETENTION_CHECK, "false");
        }
        // VACUUM lists the table's folders in this many tasks (Spark's default, 10000, costs minutes for a
        // small table): one per partition folder, at least the cluster's parallelism
        conf.put(LISTING_PARALLELISM, Long.toString(Math.min(10_000, Math.max(spark.sparkContext()
                .defaultParallelism(), folders))));
        Map<String, String> previous = new LinkedHashMap<>();
        conf.forEach((key, value) -> {
            previous.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
        });
        try {
            vacuum.run();
        } finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    spark.conf().unset(key);
                } else {
                    spark.conf().set(key, value);
                }
            });
        }
    }

    /** Runs {@code operation} with its commits tagged {@link CommitTag.Maintenance} (and the current run). */
    private static void tagged(SparkSession spark, String operation, Runnable body) {
        String previous = spark.conf().get(USER_METADATA, null);
        spark.conf().set(USER_METADATA, DeltaCommits.metadata(spark, new CommitTag.Maintenance(operation)));
        try {
            body.run();
        } finally {
            if (previous == null) {
                spark.conf().unset(USER_METADATA);
            } else {
                spark.conf().set(USER_METADATA, previous);
            }
        }
    }

    /** The maintenance properties the table does not have yet, property to value. */
    private Map<String, String> propertiesToSet(SparkSession spark, TableLocation table) {
        Map<String, String> current = DeltaTable.forPath(spark, table.path()).detail().select("properties").first()
                .getJavaMap(0);
        Map<String, String> missing = new LinkedHashMap<>();
        settings.tableProperties().forEach((property, value) -> {
            if (!value.equals(current.get(property))) {
                missing.put(property, value);
            }
        });
        return missing;
    }

    /** A Delta partition predicate matching exactly these partitions. */
    static String inPartitions(List<Map<String, String>> partitions) {
        return partitions.stream().map(partition -> partition.entrySet().stream()
                .map(value -> "`" + value.getKey() + "`" + (value.getValue() == null ? " IS NULL"
                        : " = '" + value.getValue().replace("\\", "\\\\").replace("'", "\\'") + "'"))
                .collect(Collectors.joining(" AND ", "(", ")"))).collect(Collectors.joining(" OR "));
    }

    private static String quoted(TableLocation table) {
        return "delta.`" + table.path().replace("`", "``") + "`";
    }
}
