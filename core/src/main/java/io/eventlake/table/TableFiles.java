package io.eventlake.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import scala.Option;

/**
 * The data files one version of a table reads, from its Delta log: what maintenance compacts, what a VACUUM may
 * delete and what a pinned version needs. The log knows a version's files (and answers {@code count()} from their
 * statistics) even after a VACUUM deleted them: {@link #missing} asks the file system.
 *
 * @param table     the table
 * @param version   the version
 * @param timestamp when the version was committed (epoch milliseconds)
 * @param files     its data files
 */
public record TableFiles(TableLocation table, long version, long timestamp, List<DataFile> files) {
    public TableFiles {
        files = List.copyOf(files);
    }

    /**
     * One data file of a version.
     *
     * @param path             relative to the table's root, as the log records it (URL-encoded)
     * @param partition        its partition values, column to value (empty when unpartitioned)
     * @param bytes            its size
     * @param modificationTime when it was written (epoch milliseconds): what VACUUM compares with its retention
     * @param stats            Delta's statistics of the file as the log holds them (JSON: numRecords,
     *                         minValues, maxValues, nullCount), null when it has none
     */
    public record DataFile(String path, Map<String, String> partition, long bytes, long modificationTime,
                           String stats) {
        public DataFile {
            partition = Map.copyOf(partition);
        }

        /** The file's name: unique within a table (Delta names every data file with a random UUID). */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The table's newest version and its files. */
    public static TableFiles current(SparkSession spark, TableLocation table) {
        DeltaLog log = DeltaLog.forTable(spark, table.path());
        return of(table, log.update(false, Option.empty(), Option.empty()));
    }

    /**
     * Version {@code version} of the table and its files.
     *
     * @throws RuntimeException Delta's own, when the log no longer holds that version (log retention)
     */
    public static TableFiles at(SparkSession spark, TableLocation table, long version) {
        DeltaLog log = DeltaLog.forTable(spark, table.path());
        return of(table, log.getSnapshotAt(version, Option.empty(), Option.empty()));
    }

    private static TableFiles of(TableLocation table, Snapshot snapshot) {
        List<DataFile> files = new ArrayList<>();
        for (Row row : snapshot.allFiles().toDF()
                .select("path", "partitionValues", "size", "modificationTime", "stats").collectAsList()) {
            files.add(new DataFile(row.getString(0), row.getJavaMap(1), row.getLong(2), row.getLong(3),
                    row.getString(4)));
        }
        return new TableFiles(table, snapshot.version(), snapshot.timestamp(), files);
    }

    /** The names of this version's files ({@link DataFile#name}). */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        files.forEach(file -> names.add(file.name()));
        return names;
    }

    /**
     * The largest value of {@code column} in this version, from the log alone (no data file is read): the
     * partition values of a partition column, else the files' {@code maxValues} statistics (Delta truncates
     * long strings there; timestamps are to the millisecond). Empty when no file has one.
     */
    public java.util.Optional<String> max(String column) {
        String max = null;
        for (DataFile file : files) {
            String value = file.partition().containsKey(column) ? file.partition().get(column)
                    : statsMax(file.stats(), column);
            if (value != null && (max == null || value.compareTo(max) > 0)) {
                max = value;
            }
        }
        return java.util.Optional.ofNullable(max);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static String statsMax(String stats, String column) {
        if (stats == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode value = JSON.readTree(stats).path("maxValues").path(column);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        } catch (java.io.IOException e) {
            return null; // statistics Delta could not write in full: the file counts as having none
        }
    }

    /** Bytes of all the files. */
    public long bytes() {
        return files.stream().mapToLong(DataFile::bytes).sum();
    }

    /** How many files each partition has (one entry, the empty map, for an unpartitioned table). */
    public Map<Map<String, String>, Long> filesPerPartition() {
        Map<Map<String, String>, Long> counts = new java.util.LinkedHashMap<>();
        files.forEach(file -> counts.merge(file.partition(), 1L, Long::sum));
        return counts;
    }

    /**
     * This version's files that are no longer in storage, relative to the table's root; empty when the version
     * reads in full. Only files the newest version does not also read are looked up (those are there).
     */
    public List<String> missing(SparkSession spark, TableFiles newest) {
        Set<String> current = newest.names();
        List<String> gone = new ArrayList<>();
        try {
            Path root = new Path(table.path());
            FileSystem fs = root.getFileSystem(spark.sessionState().newHadoopConf());
            for (DataFile file : files) {
                if (!current.contains(file.name()) && !fs.exists(new Path(root, new Path(new java.net.URI(
                        file.path()))))) {
                    gone.add(file.path());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.path(), e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("a Delta log path that is not a URI in " + table.path(), e);
        }
        return gone;
    }
}
