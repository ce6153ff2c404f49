package io.eventlake.silver.fact;

import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.quality.Level;
import io.eventlake.quality.QualityGates;
import io.eventlake.quality.Rule;
import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.table.TableLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The bronze-to-silver quality gate on silver.payments: each level, through the streaming job on real tables. */
@Tag("job")
class SilverPaymentsGateTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String payment(String eventId, double amount) {
        return SilverTestLake.event(eventId, "payment_captured", 1, "2026-11-19T23:30:00Z", "{\"payment_id\": \"p-"
                + eventId + "\", \"order_id\": \"o-1\", \"amount\": " + amount + ", \"currency\": \"EUR\", "
                + "\"method\": \"CARD\"}");
    }

    private static Rule amountCap(Level level, double max) {
        return new Rule("amount_cap", level, new Constraint.Range("amount", 0, max));
    }

    private static List<String> eventIds(TableLocation table) {
        return read(table).select("event_id").orderBy("event_id").as(Encoders.STRING()).collectAsList();
    }

    private static List<String> results(QualityGates quality) {
        return read(quality.results()).orderBy(GateResultsTable.BATCH_ID, GateResultsTable.RULE)
                .select(functions.concat_ws(":", functions.col(GateResultsTable.BATCH_ID),
                        functions.col(GateResultsTable.RULE), functions.col(GateResultsTable.LEVEL),
                        functions.col(GateResultsTable.VERDICT), functions.col(GateResultsTable.ACTION)))
                .as(Encoders.STRING()).collectAsList();
    }

    @Test
    void warnRecordsAndWritesWhileQuarantineSendsTheBreakingRowsAwayWithTheRuleNames() {
        SilverTestLake lake = new SilverTestLake("gate-levels");
        TableLocation payments = lake.settings.tables().payments();
        QualityGates quality = SilverTestLake.quality(lake.settings).with(new Gate(payments.name(), List.of(
                new Rule("large_payment", Level.WARN, new Constraint.Range("amount", 0, 100)),
                amountCap(Level.QUARANTINE, 1000),
                new Rule("card_payments_only", Level.QUARANTINE, new Constraint.AllowedValues("method",
                        List.of("CARD"))))));
        SilverRunMetrics metrics = new SilverRunMetrics();
        lake.bronze(T0, payment("e-1", 50), payment("e-2", 500), payment("e-3", 5000), payment("e-1", 50));

        run(new SilverPaymentsJob(lake.context(metrics, quality)));

        assertEquals(List.of("e-1", "e-2"), eventIds(payments), "e-2 breaks only a warn rule: written");
        Row quarantined = read(lake.settings.quarantine()).first();
        assertEquals("e-3", quarantined.getAs("event_id"));
        assertEquals(List.of("quality:amount_cap"), quarantined.getList(quarantined.fieldIndex("conformance_reasons")),
                "the row names the rule it broke");
        assertEquals(new BatchMetrics(3, 1, 2, 1), metrics.totals(SilverPaymentsJob.NAME));
        assertEquals(List.of("0:amount_cap:quarantine:failed:rows quarantined", "0:card_payments_only:quarantine:"
                        + "passed:none", "0:large_payment:warn:failed:recorded"), results(quality),
                "every verdict of the batch, readable as a Delta table");
        assertEquals(List.of(1L), read(quality.results()).select(GateResultsTable.TABLE_VERSION).distinct()
                .as(Encoders.LONG()).collectAsList(), "the verdicts name the version the batch wrote");
    }

    @Test
    void blockStopsTheBatchWithoutAdvancingTheCheckpointAndAFixedRerunResumesWithoutLossOrDuplicates()
            throws Exception {
        SilverTestLake lake = new SilverTestLake("gate-block");
        TableLocation payments = lake.settings.tables().payments();
        QualityGates strict = SilverTestLake.quality(lake.settings)
                .with(new Gate(payments.name(), List.of(amountCap(Level.BLOCK, 1000))));
        lake.bronze(T0, payment("e-1", 50), payment("e-2", 5000));

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> run(new SilverPaymentsJob(lake.context(new SilverRunMetrics(), strict))));

        LakeException blocked = cause(failed);
        assertEquals(ErrorCode.GATE_BLOCKED, blocked.code());
        assertTrue(blocked.getMessage().startsWith("The quality gate of " + payments.name() + " blocked micro-batch "
                + "0: rule 'amount_cap' (block): Compliance(amount_cap) = 0.5000, required every amount within [0, "
                + "1000]."), blocked.getMessage());
        assertEquals(0, read(payments).count(), "nothing of the batch was written");
        Path commits = Path.of(lake.settings.checkpoint(SilverPaymentsJob.NAME), "commits");
        assertFalse(Files.exists(commits.resolve("0")), "the checkpoint did not advance");
        assertEquals(List.of("0:amount_cap:block:failed:write blocked"), results(strict));

        // The rule was wrong (large payments are legitimate): fixed, the job resumes at the blocked batch.
        lake.bronze(T0.plusSeconds(60), payment("e-3", 20), payment("e-1", 50));
        QualityGates fixed = strict.with(new Gate(payments.name(), List.of(amountCap(Level.BLOCK, 100_000))));
        SilverRunMetrics metrics = new SilverRunMetrics();
        run(new SilverPaymentsJob(lake.context(metrics, fixed)));

        assertEquals(List.of("e-1", "e-2", "e-3"), eventIds(payments), "no loss, no duplicate");
        assertTrue(Files.exists(commits.resolve("0")));
    }

    private static LakeException cause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof LakeException lake) {
                return lake;
            }
        }
        throw new AssertionError("no LakeException in", error);
    }
}
