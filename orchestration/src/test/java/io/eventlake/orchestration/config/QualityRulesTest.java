package io.eventlake.orchestration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.Level;
import io.eventlake.quality.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Rule files: every constraint kind read into values, every mistake refused naming the file and rule. */
@Tag("unit")
class QualityRulesTest {
    private static Gate parse(String hocon) {
        return QualityRules.parse(ConfigFactory.parseString(hocon), "t.conf", "silver.payments");
    }

    private static String refusal(String hocon) {
        LakeException error = assertThrows(LakeException.class, () -> parse(hocon));
        assertEquals(ErrorCode.QUALITY_RULES_INVALID, error.code());
        return error.getMessage();
    }

    @Test
    void everyConstraintKindIsRead() {
        Gate gate = parse("""
                rules = [
                  { name = a, level = block, completeness { column = id } }
                  { name = b, level = warn, uniqueness { columns = [id, day] } }
                  { name = c, level = quarantine, range { column = amount, min = 0, max = 10 } }
                  { name = d, level = quarantine, allowed-values { column = method, values = [CARD, CASH] } }
                  { name = e, level = block, satisfies = "net = gross - refunds" }
                  { name = f, level = block, row-count { min = 1 } }
                  { name = g, level = block, anomaly { metric = row-count, min-ratio = 0.5 } }
                ]""");
        assertEquals(List.of(
                new Rule("a", Level.BLOCK, new Constraint.Completeness("id", 1.0)),
                new Rule("b", Level.WARN, new Constraint.Uniqueness(List.of("id", "day"))),
                new Rule("c", Level.QUARANTINE, new Constraint.Range("amount", 0, 10)),
                new Rule("d", Level.QUARANTINE, new Constraint.AllowedValues("method", List.of("CARD", "CASH"))),
                new Rule("e", Level.BLOCK, new Constraint.Satisfies("net = gross - refunds")),
                new Rule("f", Level.BLOCK, new Constraint.RowCount(1, Long.MAX_VALUE)),
                new Rule("g", Level.BLOCK, new Constraint.Anomaly(Constraint.Anomaly.Metric.ROW_COUNT, null, 0.5,
                        Double.MAX_VALUE))), gate.rules());
    }

    @Test
    void mistakesAreRefusedNamingTheFileTheRuleAndTheReason() {
        assertTrue(refusal("rules = [{ name = x, level = stop, completeness { column = id } }]").startsWith(
                "Quality rule 'x' in t.conf cannot be used. Level must be warn, quarantine or block, not 'stop'."));
        assertTrue(refusal("rules = [{ name = x, level = warn, completeness { column = id }, satisfies = \"a\" }]")
                .contains("Exactly one constraint is required"));
        assertTrue(refusal("rules = [{ name = x, level = quarantine, row-count { min = 1 } }]")
                .contains("level quarantine needs a row-level constraint"));
        String noMax = refusal("rules = [{ name = x, level = warn, range { column = a, min = 0 } }]");
        assertTrue(noMax.contains(". No configuration setting found for key 'max'."), noMax);
        assertTrue(refusal("rules = [{ name = X-1, level = warn, row-count { min = 1 } }]")
                .contains("A name of lower-case letters"));
        assertTrue(refusal("rules = [{ name = x, level = warn, row-count {} }, { name = x, level = warn, "
                + "row-count {} }]").contains("same name"));
    }

    @Test
    void aFolderFileMustNameATableAndTheShippedRulesAllParse() throws IOException {
        Path folder = Files.createTempDirectory("rules");
        Files.writeString(folder.resolve("silver.paymnets.conf"), "rules = []");
        LakeException error = assertThrows(LakeException.class,
                () -> QualityRules.load(folder, List.of("silver.payments")));
        assertTrue(error.getMessage().contains("No gate guards a table named silver.paymnets"), error.getMessage());
        Path gold = Files.createTempDirectory("gold-rules");
        Files.writeString(gold.resolve("gold.sales.conf"), "rules = [{ name = positive, level = quarantine, range "
                + "{ column = net, min = 0, max = 10 } }]");
        error = assertThrows(LakeException.class, () -> QualityRules.load(gold, List.of(), List.of("gold.sales")));
        assertTrue(error.getMessage().contains("so no row can be quarantined; use level warn or block"),
                error.getMessage());

        Path shipped = Path.of(System.getProperty("eventlake.root"), "conf", "quality");
        Map<String, Gate> gates = QualityRules.load(shipped, List.of("silver.payments", "silver.orders",
                "silver.order_lines"), List.of("gold.daily_store_sales", "gold.customer_features"));
        assertEquals(5, gates.size());
        assertTrue(gates.get("gold.daily_store_sales").watchesHistory());
    }
}
