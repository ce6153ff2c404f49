package io.eventlake.table;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;

import io.eventlake.errors.LakeErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creating, registering and appending to the Delta tables eventlake owns. */
public final class DeltaTables {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaTables.class);
    private static final String CHANGE_DATA_FEED = "delta.enableChangeDataFeed";
    private DeltaTables() {
    }

    /** {@link #ensure(SparkSession, TableLocation, StructType, TableLayout)}, unpartitioned. */
    public static void ensure(SparkSession spark, TableLocation table, StructType schema, String... statsColumns) {
        ensure(spark, table, schema, TableLayout.unpartitioned(statsColumns));
    }

    /**
     * Makes sure the table exists at its path with the given schema and is registered in the catalog under its
     * name. Idempotent. An existing table is adopted as it is, except that columns {@code schema} has and the
     * table lacks are added when they are nullable (schema evolution: a new optional contract field); readers of
     * the old columns are unaffected, and older versions keep their old schema for time travel. A layout asking
     * for the change data feed turns it on (from that version on) when the table lacks it. What an interrupted
     * first commit left at the path is cleared first; a table another writer creates at the same moment is adopted.
     *
     * @throws io.eventlake.errors.LakeException {@code TABLE_SCHEMA_MISMATCH} when a table at the path has a
     *     column of {@code schema} with another type, or lacks a required one; {@code TABLE_LOCATION_CONFLICT}
     *     when the path is registered under another name or holds files that are not a Delta table
     */
    public static void ensure(SparkSession spark, TableLocation table, StructType schema, TableLayout layout) {
        String ensuredKey = spark.sparkContext().applicationId() + "|" + table + "|" + schema.json() + "|" + layout;
        if (ENSURED.contains(ensuredKey) && exists(spark, table) && spark.catalog().tableExists(table.name())) {
            return; // checked in this application already: a refresh every few seconds skips the catalog round
        }
        ensureNow(spark, table, schema, layout);
        ENSURED.add(ensuredKey);
    }

    /** Tables {@link #ensure} has checked in this JVM: application id, location, schema and layout. */
    private static final Set<String> ENSURED = ConcurrentHashMap.newKeySet();

    private static void ensureNow(SparkSession spark, TableLocation table, StructType schema, TableLayout layout) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.database());
        if (spark.catalog().tableExists(table.name())) {
            String registered = spark.sql("DESCRIBE DETAIL " + table.name()).select("location").first().getString(0);
            if (!samePath(registered, table.path())) {
                throw LakeErrors.tableLocationConflict(table.name(), registered, table.path());
            }
        }
        if (exists(spark, table)) {
            // Adopt the table as it is (its properties may differ from a new table's): check, evolve, name it.
            List<StructField> added = checkSchema(table, DeltaTable.forPath(spark, table.path()).toDF().schema(),
                    schema);
            if (!added.isEmpty()) {
                spark.sql("ALTER TABLE delta.`" + table.path().replace("`", "``") + "` ADD COLUMNS ("
                        + added.stream().map(f -> "`" + f.name() + "` " + f.dataType().sql())
                        .collect(Collectors.joining(", ")) + ")");
            }
            if (layout.changeDataFeed() && !"true".equals(DeltaTable.forPath(spark, table.path()).detail()
                    .select("properties").first().<String, String>getJavaMap(0).get(CHANGE_DATA_FEED))) {
                spark.sql("ALTER TABLE delta.`" + table.path().replace("`", "``") + "` SET TBLPROPERTIES ("
                        + CHANGE_DATA_FEED + " = true)");
            }
            register(spark, table);
            return;
        }
        clearUncommitted(spark, table);
        try {
            create(spark, table, schema, layout);
        } catch (Exception e) {
            if (!exists(spark, table)) {
                throw e;
            }
            // another writer (a second process on a shared store) created it meanwhile: adopt it as it is
            ensureNow(spark, table, schema, layout);
        }
    }

    /**
     * Registers the existing Delta table at {@code table}'s path under its name (and its database), when the
     * catalog lacks the name; a name already registered is left as it is. Writes nothing to the table.
     */
    public static void register(SparkSession spark, TableLocation table) {
        if (!spark.catalog().tableExists(table.name())) {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + table.database());
            spark.sql("CREATE TABLE IF NOT EXISTS " + table.name() + " USING DELTA LOCATION '"
                    + table.path().replace("\\", "\\\\").replace("'", "\\'") + "'");
        }
    }

    private static void create(SparkSession spark, TableLocation table, StructType schema, TableLayout layout) {
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .tableName(table.name())
                .location(table.path())
                .addColumns(schema);
        if (!layout.partitionColumns().isEmpty()) {
            builder = builder.partitionedBy(layout.partitionColumns().toArray(String[]::new));
        }
        if (!layout.statsColumns().isEmpty()) {
            builder = builder.property("delta.dataSkippingStatsColumns", String.join(",", layout.statsColumns()));
        }
        if (layout.changeDataFeed()) {
            builder = builder.property(CHANGE_DATA_FEED, "true");
        }
        for (Map.Entry<String, String> pinned : ReaderCompatibility.PINNED.entrySet()) {
            builder = builder.property(pinned.getKey(), pinned.getValue());
        }
        builder.execute();
    }

    /**
     * Removes what a first commit that never completed left at a table's location (a full disk leaves a
     * {@code _delta_log} holding only a 0-byte temporary file, and Delta then refuses the location as "not empty and
     * not a Delta table"). Only a location holding nothing but a {@code _delta_log} without commits is cleared;
     * anything else there is not ours to delete and is refused with the files named.
     */
    static void clearUncommitted(SparkSession spark, TableLocation table) {
        try {
            Path location = new Path(table.path());
            FileSystem fs = location.getFileSystem(spark.sessionState().newHadoopConf());
            if (!fs.exists(location)) {
                return;
            }
            List<String> entries = new ArrayList<>();
            for (FileStatus entry : fs.listStatus(location)) {
                entries.add(entry.getPath().getName());
            }
            if (entries.isEmpty()) {
                return;
            }
            if (!entries.equals(List.of("_delta_log"))) {
                throw LakeErrors.tableLocationNotEmpty(table.name(), table.path(),
                        entries.stream().sorted().limit(10).toList());
            }
            LOG.warn("Removing {} of {}: a first commit that never completed (no commit file)", location
                    + "/_delta_log", table.name());
            fs.delete(new Path(location, "_delta_log"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.path(), e);
        }
    }

    private static boolean samePath(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    private static String normalize(String path) {
        String p = path.replaceFirst("^file:(//)?", "");
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The table's Delta id (what a Delta stream source's offsets name), from its log: no Spark job. */
    public static String tableId(SparkSession spark, TableLocation table) {
        return org.apache.spark.sql.delta.DeltaLog.forTable(spark, table.path())
                .update(false, scala.Option.empty(), scala.Option.empty()).metadata().id();
    }

    /**
     * Whether a Delta table has been committed at the location. Asks the file system, not
     * {@code DeltaTable.isDeltaTable}, which answers from a cached log that never learns of a table created later.
     */
    public static boolean exists(SparkSession spark, TableLocation table) {
        try {
            Path log = new Path(table.path(), "_delta_log");
            FileSystem fs = log.getFileSystem(spark.sessionState().newHadoopConf());
            return fs.exists(log) && fs.listStatus(log, p -> p.getName().endsWith(".json")).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table.path(), e);
        }
    }

    /**
     * The newest batch id {@link #appendOnce} committed to the table for {@code appId}; -1 when none.
     */
    public static long committedBatch(SparkSession spark, TableLocation table, String appId) {
        return org.apache.spark.sql.delta.DeltaLog.forTable(spark, table.path()).startTransaction()
                .txnVersion(appId);
    }

    /**
     * Appends a micro-batch exactly once. Delta records {@code (appId, batchId)} in the same commit as the data
     * and skips a write whose pair it already holds, so a batch replayed after a crash (same query, same batch id)
     * is not written twice. The commit is tagged {@link CommitTag.Batch} with the current run ({@link DeltaCommits}).
     *
     * @param appId   stable for the life of one streaming checkpoint (the streaming query id)
     * @param batchId the micro-batch id from {@code foreachBatch}
     */
    public static void appendOnce(Dataset<Row> rows, TableLocation table, String appId, long batchId) {
        rows.write()
                .format("delta")
                .mode("append")
                .option("txnAppId", appId)
                .option("txnVersion", batchId)
                .option("userMetadata", DeltaCommits.metadata(rows.sparkSession(), new CommitTag.Batch(appId, batchId)))
                .save(table.path());
    }

    /** The columns of {@code expected} that {@code actual} lacks and may gain; refuses any other difference. */
    static List<StructField> checkSchema(TableLocation table, StructType actual, StructType expected) {
        List<String> problems = new ArrayList<>();
        List<StructField> added = new ArrayList<>();
        for (StructField field : expected.fields()) {
            scala.Option<Object> index = actual.getFieldIndex(field.name());
            if (index.isEmpty() && field.nullable()) {
                added.add(field);
                continue;
            }
            if (index.isEmpty()) {
                problems.add("missing column '" + field.name() + "' (" + field.dataType().simpleString() + ")");
                continue;
            }
            StructField existing = actual.fields()[(Integer) index.get()];
            if (!existing.dataType().sameType(field.dataType())) {
                problems.add("column '" + field.name() + "' is " + existing.dataType().simpleString()
                        + ", expected " + field.dataType().simpleString());
            }
        }
        if (!problems.isEmpty()) {
            throw LakeErrors.tableSchemaMismatch(table.name(), table.path(), problems);
        }
        return added;
    }
}
