package io.eventlake.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("job")
class DeltaTablesTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType)
            .add("name", DataTypes.StringType);

    private final SparkSession spark = TestSpark.session();

    @Test
    void ensureCreatesTheTableAtItsPathAndRegistersItsName() {
        TableLocation table = new TableLocation("qa.created", TestSpark.tempDir("created").resolve("t").toString());
        DeltaTables.ensure(spark, table, SCHEMA);
        DeltaTables.ensure(spark, table, SCHEMA); // idempotent

        assertTrue(spark.catalog().tableExists("qa.created"));
        assertEquals(SCHEMA.fieldNames().length, spark.table("qa.created").schema().fields().length);
        assertEquals(0, spark.read().format("delta").load(table.path()).count());
    }

    /** delta-rs and polars must read every table: the features they refuse stay off whatever the session default. */
    @Test
    void aNewTableHasTheReaderFeaturesPinnedOffEvenWhenTheSessionDefaultTurnsThemOn() {
        String key = ReaderCompatibility.SESSION_DEFAULT_PREFIX + "enableDeletionVectors";
        spark.conf().set(key, "true");
        try {
            TableLocation table = new TableLocation("qa.pinned", TestSpark.tempDir("pinned").resolve("t").toString());
            DeltaTables.ensure(spark, table, SCHEMA);

            java.util.Map<String, String> properties = spark.sql("DESCRIBE DETAIL qa.pinned").select("properties")
                    .first().getJavaMap(0);
            assertEquals(ReaderCompatibility.PINNED, ReaderCompatibility.PINNED.keySet().stream().collect(
                    java.util.stream.Collectors.toMap(k -> k, k -> String.valueOf(properties.get(k)),
                            (a, b) -> a, java.util.LinkedHashMap::new)), properties.toString());
            List<String> features = spark.sql("DESCRIBE DETAIL qa.pinned").select("tableFeatures").first().getList(0);
            assertTrue(!features.contains("deletionVectors") && !features.contains("columnMapping")
                    && !features.contains("v2Checkpoint"), features.toString());
        } finally {
            spark.conf().unset(key);
        }
    }

    @Test
    void anExistingTableIsAdoptedUnderItsNameEvenWhenItsPropertiesDiffer() {
        String path = TestSpark.tempDir("adopt").resolve("t").toString();
        spark.createDataFrame(List.of(RowFactory.create(1L, "a")), SCHEMA).write().format("delta")
                .option("delta.appendOnly", "true").save(path); // written elsewhere, another property

        DeltaTables.ensure(spark, new TableLocation("qa.adopted", path), SCHEMA, "id");

        assertEquals(1, spark.table("qa.adopted").count());
    }

    /** Two jobs sharing a table (silver quarantine): one's counts must never come from the other's commit. */
    @Test
    void writeTaggedReportsItsOwnCommitsMetricsWhenAnotherWriterCommitsRightAfter() {
        TableLocation table = new TableLocation("qa.shared", TestSpark.tempDir("shared").resolve("t").toString());
        DeltaTables.ensure(spark, table, SCHEMA);
        Dataset<Row> three = spark.createDataFrame(List.of(RowFactory.create(1L, "a"), RowFactory.create(2L, "b"),
                RowFactory.create(3L, "c")), SCHEMA);
        Dataset<Row> one = spark.createDataFrame(List.of(RowFactory.create(9L, "z")), SCHEMA);

        long inserted = DeltaCommits.writeTagged(spark, table, new CommitTag.Batch("job-a", 0), target -> {
            target.as("t").merge(three.as("s"), "t.id = s.id").whenNotMatched().insertAll().execute();
            // another job's commit lands before job A reads its metrics back
            one.write().format("delta").mode("append")
                    .option("userMetadata", DeltaCommits.metadata(spark, new CommitTag.Batch("job-b", 0))).save(table.path());
        }, "numTargetRowsInserted");

        assertEquals(3, inserted);
        assertEquals(4, spark.read().format("delta").load(table.path()).count());
    }

    @Test
    void appendOnceSkipsABatchReplayedWithTheSameAppIdAndVersion() {
        TableLocation table = new TableLocation("qa.once", TestSpark.tempDir("once").resolve("t").toString());
        DeltaTables.ensure(spark, table, SCHEMA);
        Dataset<Row> batch = spark.createDataFrame(List.of(RowFactory.create(1L, "a"), RowFactory.create(2L, "b")),
                SCHEMA);

        DeltaTables.appendOnce(batch, table, "query-1", 0);
        DeltaTables.appendOnce(batch, table, "query-1", 0); // replay after a crash: skipped by Delta
        DeltaTables.appendOnce(batch, table, "query-1", 1); // next batch: written
        DeltaTables.appendOnce(batch, table, "query-2", 0); // a new checkpoint's query: written

        assertEquals(6, spark.read().format("delta").load(table.path()).count());
        assertEquals(List.of("query-2/0", "query-1/1", "query-1/0"),
                io.delta.tables.DeltaTable.forPath(spark, table.path()).history().where("userMetadata IS NOT NULL")
                        .select("userMetadata").as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream()
                        .map(m -> DeltaCommits.parse(m).orElseThrow().tag().text()).toList(),
                "each commit names its query and batch");
    }

    @Test
    void ensureRefusesATableWhoseColumnsDifferInTypeOrLackARequiredOne() {
        String path = TestSpark.tempDir("mismatch").resolve("t").toString();
        spark.createDataFrame(List.of(RowFactory.create("1")), new StructType().add("id", DataTypes.StringType))
                .write().format("delta").save(path);
        StructType expected = SCHEMA.add("code", DataTypes.StringType, false);

        LakeException error = assertThrows(LakeException.class,
                () -> DeltaTables.ensure(spark, new TableLocation("qa.mismatch", path), expected));

        assertEquals(ErrorCode.TABLE_SCHEMA_MISMATCH, error.code());
        assertTrue(error.getMessage().contains("column 'id' is string, expected bigint"), error.getMessage());
        assertTrue(error.getMessage().contains("missing column 'code'"), error.getMessage());
    }

    @Test
    void aNewNullableColumnIsAddedToAnExistingTableAndOldVersionsKeepTheirSchema() {
        String path = TestSpark.tempDir("evolve").resolve("t").toString();
        StructType old = new StructType().add("id", DataTypes.LongType);
        spark.createDataFrame(List.of(RowFactory.create(1L)), old).write().format("delta").save(path);
        Dataset<Row> readerOfOldColumns = spark.read().format("delta").load(path).select("id");

        DeltaTables.ensure(spark, new TableLocation("qa.evolved", path), SCHEMA);

        Dataset<Row> now = spark.read().format("delta").load(path);
        assertEquals(List.of("id", "name"), List.of(now.schema().fieldNames()));
        assertEquals(List.of(RowFactory.create(1L, null)), now.collectAsList(), "old rows read the new column as null");
        assertEquals(1, readerOfOldColumns.count(), "a query on the old columns still runs");
        assertEquals(List.of("id"), List.of(spark.read().format("delta").option("versionAsOf", 0).load(path)
                .schema().fieldNames()), "time travel reads the schema of its version");
    }

    @Test
    void aNameRegisteredAtAnotherLocationIsRefused() {
        DeltaTables.ensure(spark, new TableLocation("qa.moved", TestSpark.tempDir("old").resolve("t").toString()),
                SCHEMA);
        String elsewhere = TestSpark.tempDir("new").resolve("t").toString();

        LakeException error = assertThrows(LakeException.class,
                () -> DeltaTables.ensure(spark, new TableLocation("qa.moved", elsewhere), SCHEMA));

        assertEquals(ErrorCode.TABLE_LOCATION_CONFLICT, error.code());
        assertTrue(error.getMessage().contains(elsewhere) && error.getMessage().contains("DROP TABLE qa.moved"),
                error.getMessage());
    }

    /** A full disk during a table's first commit leaves a {@code _delta_log} with a 0-byte temporary file only. */
    @Test
    void aFirstCommitThatNeverCompletedIsClearedAndTheTableCreated() throws IOException {
        Path path = TestSpark.tempDir("half").resolve("t");
        Path log = Files.createDirectories(path.resolve("_delta_log"));
        Files.createFile(log.resolve(".00000000000000000000.json.0c1d.tmp"));
        Files.createFile(log.resolve("..00000000000000000000.json.0c1d.tmp.crc"));

        DeltaTables.ensure(spark, new TableLocation("qa.half", path.toString()), SCHEMA);

        assertEquals(0, spark.table("qa.half").count());
        assertEquals(List.of("00000000000000000000.json"), Files.list(log).map(p -> p.getFileName().toString())
                .filter(name -> name.endsWith(".json")).toList());
    }

    @Test
    void filesThatAreNotADeltaTableAreNeverDeletedAndAreNamedInTheError() throws IOException {
        Path path = TestSpark.tempDir("foreign").resolve("t");
        Files.createDirectories(path.resolve("_delta_log"));
        Files.writeString(path.resolve("notes.csv"), "mine");

        LakeException error = assertThrows(LakeException.class,
                () -> DeltaTables.ensure(spark, new TableLocation("qa.foreign", path.toString()), SCHEMA));

        assertEquals(ErrorCode.TABLE_LOCATION_CONFLICT, error.code());
        assertTrue(error.getMessage().contains("(_delta_log, notes.csv)")
                && error.getMessage().contains("Fix: move those files aside"), error.getMessage());
        assertTrue(Files.exists(path.resolve("notes.csv")));
    }

    @Test
    void tableNamesMustBeDatabaseDotTable() {
        LakeException error = assertThrows(LakeException.class, () -> new TableLocation("events", "/tmp/x"));
        assertEquals(ErrorCode.TABLE_NAME_INVALID, error.code());
        assertTrue(error.getMessage().contains("'events'"));
    }
}
