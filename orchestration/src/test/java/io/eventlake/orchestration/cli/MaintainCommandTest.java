package io.eventlake.orchestration.cli;

import static io.eventlake.testing.TestCli.local;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverPaymentsTable;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code lake maintain}, {@code pin} and {@code unpin} through the production CLI, on tables of a lake of their own:
 * one written by 50 micro-batches (compacted to one file per partition, same rows), one whose old version is pinned
 * (VACUUM keeps its files, and it reads in full) and then unpinned (VACUUM deletes them; reading it is refused
 * with a clear error, and Spark's own read of it fails).
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaintainCommandTest {
    private final SparkSession spark = TestSpark.session();
    private final List<String> lake = new ArrayList<>();
    private TableLocation orders;
    private TableLocation payments;

    private static TestCli.Run lake(List<String> lake, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(lake);
        return TestCli.run(CliExtension.NONE, TestCli.WITH_KEY, local(all.toArray(String[]::new)));
    }

    private TestCli.Run lake(String... args) {
        return lake(lake, args);
    }

    @BeforeAll
    void aLakeOfItsOwn() {
        Path root = TestSpark.tempDir("maintain");
        lake.addAll(List.of("--set", "lake-root=\"" + root + "\"",
                // Delta's own compaction on write would compact the 50 batches before maintain does
                "--set", "maintenance.auto-compact-min-files=0",
                "--set", "maintenance.vacuum-retention=0h"));
        lake.addAll(TestCli.ownTables("mt"));
        orders = new TableLocation("mt_silver.orders", root + "/mt_silver/orders");
        payments = new TableLocation("mt_silver.payments", root + "/mt_silver/payments");
    }

    /** {@code count} rows of {@code schema} from id {@code from}, over two event dates. */
    private Dataset<Row> rows(StructType schema, long from, long count) {
        List<Column> columns = new ArrayList<>();
        for (StructField field : schema.fields()) {
            Column value;
            if (field.name().equals("event_date")) {
                value = date_add(lit(java.sql.Date.valueOf("2026-11-01")), pmod(col("id"), lit(2)).cast("int"));
            } else if (field.dataType().equals(DataTypes.StringType)) {
                value = concat(lit(field.name() + "-"), col("id").cast("string"));
            } else if (field.dataType().equals(DataTypes.TimestampType)) {
                value = lit(java.sql.Timestamp.valueOf("2026-11-01 12:00:00"));
            } else if (field.dataType() instanceof DecimalType) {
                value = col("id").multiply(lit(new BigDecimal("1.25")));
            } else if (field.dataType() instanceof org.apache.spark.sql.types.NumericType) {
                value = col("id");
            } else {
                value = lit(null); // the source coordinates struct
            }
            columns.add(value.cast(field.dataType()).as(field.name()));
        }
        return spark.range(from, from + count).select(columns.toArray(Column[]::new));
    }

    @Test
    void maintainCompactsATableOf50MicroBatchesToOneFilePerPartitionWithTheSameRows() {
        DeltaTables.ensure(spark, orders, SilverOrdersTable.SCHEMA, SilverOrdersTable.LAYOUT);
        for (int batch = 0; batch < 50; batch++) {
            DeltaTables.appendOnce(rows(SilverOrdersTable.SCHEMA, batch * 20L, 20).repartition(2), orders,
                    "maintain-test", batch);
        }
        long before = DeltaCommits.currentVersion(spark, orders);
        List<String> rowsBefore = rows(orders);
        int filesBefore = TableFiles.current(spark, orders).files().size();
        assertTrue(filesBefore >= 100, "two days x 50 batches, at least one file each: " + filesBefore);

        TestCli.Run dryRun = lake("maintain", "--tables", orders.name(), "--dry-run");
        assertEquals(LakeCommand.OK, dryRun.status(), dryRun.err());
        assertTrue(dryRun.out().contains(orders.name() + ": " + filesBefore + " files"), dryRun.out());
        assertTrue(dryRun.out().contains("would compact 2 partitions"), dryRun.out());
        assertEquals(before, DeltaCommits.currentVersion(spark, orders), "a dry run commits nothing");

        TestCli.Run run = lake("maintain", "--tables", orders.name(), "--run-id", "maintain-run-1");
        assertEquals(LakeCommand.OK, run.status(), run.err());
        java.util.Map<Long, DeltaCommits.CommitInfo> commits = DeltaCommits.commits(spark, orders);
        long newest = commits.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(java.util.Optional.of("maintain-run-1"), commits.get(newest).run(), "maintenance commits name "
                + "the run");
        assertEquals("maintain:vacuum", commits.get(newest).tag().text());
        assertTrue(run.out().contains(filesBefore + " -> 2 files"), run.out());
        assertTrue(run.out().contains("z-ordered by customer_id, store_id"), run.out());
        assertEquals(2, TableFiles.current(spark, orders).files().size());
        assertEquals(1000, rowsBefore.size());
        assertEquals(rowsBefore, rows(orders), "the same rows after compaction");

        TestCli.Run again = lake("maintain", "--tables", orders.name());
        assertEquals(LakeCommand.OK, again.status(), again.err());
        assertTrue(again.out().contains(orders.name() + ": 2 files"), again.out());
        assertTrue(again.out().contains("nothing to compact"), again.out());
    }

    @Test
    void vacuumKeepsAPinnedVersionReadableAndDeletesItOnceUnpinned() {
        DeltaTables.ensure(spark, payments, SilverPaymentsTable.SCHEMA, SilverPaymentsTable.LAYOUT);
        rows(SilverPaymentsTable.SCHEMA, 0, 40).write().format("delta").mode("append").save(payments.path());
        long pinned = DeltaCommits.currentVersion(spark, payments);
        BigDecimal pinnedTotal = total(pinned);
        rows(SilverPaymentsTable.SCHEMA, 1000, 10).write().format("delta").mode("overwrite").save(payments.path());

        TestCli.Run pin = lake("pin", payments.name(), "--version", Long.toString(pinned), "--reason", "Q4 audit");
        assertEquals(LakeCommand.OK, pin.status(), pin.err());
        TestCli.Run second = lake("pin", payments.name(), "--version", Long.toString(pinned), "--reason", "regulator");
        assertEquals(LakeCommand.OK, second.status(), second.err());
        TestCli.Run pins = lake("pins");
        assertTrue(pins.out().contains(payments.name() + " version " + pinned + ": \"Q4 audit\" (lake pin"),
                pins.out());
        assertTrue(pins.out().contains(payments.name() + " version " + pinned + ": \"regulator\" (lake pin"),
                pins.out());

        TestCli.Run kept = lake("maintain", "--tables", payments.name());
        assertEquals(LakeCommand.OK, kept.status(), kept.err());
        assertTrue(kept.out().contains("that pinned version " + pinned + " of " + payments.name()
                + " (lake pin: \"Q4 audit\""), kept.out());
        assertTrue(kept.out().contains("(lake pin: \"regulator\""), kept.out());
        assertTrue(kept.out().contains("VACUUM refused to delete them"), kept.out());
        assertEquals(pinnedTotal, total(pinned), "a real read of every row of the pinned version");
        TestCli.Run shown = lake("show", payments.name(), "--version", Long.toString(pinned));
        assertEquals(LakeCommand.OK, shown.status(), shown.err());

        TestCli.Run unpin = lake("unpin", payments.name(), "--version", Long.toString(pinned));
        assertEquals(LakeCommand.OK, unpin.status(), unpin.err());
        assertEquals(2, unpin.out().lines().filter(line -> line.startsWith("unpinned version " + pinned)).count(),
                unpin.out());
        TestCli.Run vacuumed = lake("maintain", "--tables", payments.name());
        assertEquals(LakeCommand.OK, vacuumed.status(), vacuumed.err());
        assertTrue(vacuumed.out().matches("(?s).*VACUUM deleted [1-9]\\d* files \\(retention 0 h\\).*"),
                vacuumed.out());
        assertThrows(Exception.class, () -> total(pinned), "the version's files are gone");
        TestCli.Run gone = lake("show", payments.name(), "--version", Long.toString(pinned));
        assertEquals(LakeCommand.BAD_INPUT, gone.status(), gone.out());
        assertTrue(gone.err().contains("Version " + pinned + " of " + payments.name() + " can no longer be read"),
                gone.err());
        assertTrue(gone.err().contains("deleted by VACUUM"), gone.err());
        TestCli.Run newest = lake("show", payments.name(), "--version",
                Long.toString(DeltaCommits.currentVersion(spark, payments)));
        assertEquals(LakeCommand.OK, newest.status(), newest.err());

        TestCli.Run twice = lake("unpin", payments.name(), "--version", Long.toString(pinned));
        assertEquals(LakeCommand.BAD_INPUT, twice.status());
        assertTrue(twice.err().contains("Version " + pinned + " of " + payments.name() + " is not pinned"),
                twice.err());
    }

    private List<String> rows(TableLocation table) {
        return spark.read().format("delta").load(table.path()).toJSON().collectAsList().stream().sorted().toList();
    }

    private BigDecimal total(long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(payments.path())
                .agg(sum(col(SilverPaymentsTable.AMOUNT))).first().getDecimal(0);
    }
}
