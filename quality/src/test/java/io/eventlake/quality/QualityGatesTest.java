package io.eventlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * Gates against real Delta tables and a real metrics history: anomaly checks on history (seeded from past
 * versions), repaired runs replacing failed metrics, write-audit-publish restoring a failed version, and the
 * verdicts as a Delta table.
 */
@Tag("job")
class QualityGatesTest {
    private final SparkSession spark = TestSpark.session();

    private static final Gate SALES_GATE = new Gate("gold.sales", List.of(
            new Rule("no_row_count_drop", Level.BLOCK, new Constraint.Anomaly(Constraint.Anomaly.Metric.ROW_COUNT,
                    null, 0.5, Double.MAX_VALUE)),
            new Rule("amount_in_range", Level.WARN, new Constraint.Range("id", 0, 1_000))));

    private QualityGates gates(Path root, String database) {
        return new QualityGates(Map.of(SALES_GATE.table(), SALES_GATE),
                new MetricsHistory(root.resolve("_quality/metrics").toString()),
                new TableLocation(database + "_quality.gate_results", root.resolve("quality/gate_results").toString()));
    }

    private long overwrite(TableLocation table, long rows) {
        spark.range(rows).write().format("delta").mode("overwrite").save(table.path());
        return DeltaCommits.currentVersion(spark, table);
    }

    @Test
    void aPlantedRowCountDropFailsTheAuditWhichRestoresTheLastGoodVersionAndRecordsTheBadOne() {
        Path root = TestSpark.tempDir("wap");
        QualityGates quality = gates(root, "wap");
        quality.ensureResultsTable(spark);
        TableLocation sales = new TableLocation("gold.sales", root.resolve("gold/sales").toString());
        // history before the gate existed: versions 0..2 with 100, 110, 105 rows (seeded by time travel)
        overwrite(sales, 100);
        overwrite(sales, 110);
        long good = overwrite(sales, 105);

        long grown = overwrite(sales, 120); // a normal refresh passes, compared with the seeded history
        GateResult passed = quality.audit(spark, sales, good, grown).orElseThrow();
        assertEquals(RuleVerdict.Status.PASSED, passed.verdicts().get(0).status(), passed.verdicts().toString());

        long bad = overwrite(sales, 12); // a refresh that lost 90% of its rows
        LakeException error = assertThrows(LakeException.class, () -> quality.audit(spark, sales, grown, bad));

        assertEquals(ErrorCode.AUDIT_FAILED, error.code());
        assertTrue(error.getMessage().startsWith("gold.sales version " + bad + " failed its audit: rule "
                + "'no_row_count_drop' (block): Size(*) = 12, required row count within [0.5, ∞] x its previous "
                + "value (previous 120.0, ratio 0.100)."), error.getMessage());
        assertTrue(error.getMessage().contains("restored to version " + grown), error.getMessage());
        long restore = DeltaCommits.currentVersion(spark, sales);
        assertEquals(bad + 1, restore);
        assertEquals(120, spark.read().format("delta").load(sales.path()).count(), "readers see the good data");
        assertEquals(grown, DeltaCommits.effectiveVersion(spark, sales, restore));

        Dataset<Row> results = spark.read().format("delta").load(quality.results().path());
        assertEquals(List.of("no_row_count_drop:failed:12.0:restored to v" + grown),
                results.where(functions.col(GateResultsTable.TABLE_VERSION).equalTo(bad)
                                .and(functions.col(GateResultsTable.RULE).equalTo("no_row_count_drop")))
                        .select(functions.concat_ws(":", functions.col(GateResultsTable.RULE),
                                functions.col(GateResultsTable.VERDICT), functions.col(GateResultsTable.VALUE),
                                functions.col(GateResultsTable.ACTION)))
                        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList(),
                "the bad version is recorded with the failing rule");
        assertEquals(4, results.count(), "two audits x two rules, readable as a Delta table");

        // the repaired refresh is checked at the same history point as the failed one, and replaces its metrics
        long repaired = overwrite(sales, 118);
        quality.audit(spark, sales, restore, repaired).orElseThrow();
        Map<Long, Double> history = quality.history().values(spark, "gold.sales",
                (Constraint.Anomaly) SALES_GATE.rules().get(0).constraint(), Long.MAX_VALUE);
        assertEquals(Map.of(1L, 110.0, 2L, 105.0, 3L, 120.0, 4L, 118.0), history,
                "seeded from versions 1 and 2 (version 0 is a table's creation), then the audits at the version "
                        + "their data becomes; the repaired 118 replaced the failed 12 at point 4");
    }

    @Test
    void aBlockedMicroBatchThrowsBeforeWritingAndRecordsItsVerdicts() {
        Path root = TestSpark.tempDir("block");
        TableLocation payments = new TableLocation("silver.payments", root.resolve("silver/payments").toString());
        spark.range(0).write().format("delta").save(payments.path());
        QualityGates quality = gates(root, "block").with(new Gate("silver.payments", List.of(
                new Rule("id_small", Level.BLOCK, new Constraint.Range("id", 0, 10)))));
        quality.ensureResultsTable(spark);

        LakeException error = assertThrows(LakeException.class,
                () -> quality.check(spark.range(20).toDF(), payments, 7));

        assertEquals(ErrorCode.GATE_BLOCKED, error.code());
        assertTrue(error.getMessage().startsWith("The quality gate of silver.payments blocked micro-batch 7: rule "
                + "'id_small' (block): Compliance(id_small) = 0.5500, required every id within [0, 10]."),
                error.getMessage());
        assertEquals(List.of(7L), spark.read().format("delta").load(quality.results().path())
                .select(GateResultsTable.BATCH_ID).as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
        assertEquals(0, spark.read().format("delta").load(payments.path()).count());
        assertTrue(LongStream.of(0).allMatch(v -> v == DeltaCommits.currentVersion(spark, payments)));
    }
}
