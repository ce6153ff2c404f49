package io.eventlake.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.testing.TestSpark;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The Deequ facade on small in-memory rows: each constraint kind, pass and fail, with its metric. */
@Tag("unit")
class GatesTest {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType)
            .add("currency", DataTypes.StringType);

    private static Dataset<Row> rows(Row... rows) {
        return TestSpark.session().createDataFrame(List.of(rows), SCHEMA);
    }

    @Test
    void everyRuleGetsAVerdictWithItsMetricFromOneRun() {
        Dataset<Row> data = rows(RowFactory.create("a", 10.0, "EUR"), RowFactory.create("b", 250.0, "USD"),
                RowFactory.create("b", null, "XXX"), RowFactory.create(null, 5.0, "EUR"));
        Gate gate = new Gate("silver.payments", List.of(
                new Rule("id_complete", Level.WARN, new Constraint.Completeness("id", 1.0)),
                new Rule("id_unique", Level.BLOCK, new Constraint.Uniqueness(List.of("id"))),
                new Rule("amount_in_range", Level.QUARANTINE, new Constraint.Range("amount", 0, 100)),
                new Rule("known_currency", Level.QUARANTINE, new Constraint.AllowedValues("currency",
                        List.of("EUR", "USD", "GBP"))),
                new Rule("enough_rows", Level.BLOCK, new Constraint.RowCount(3, Long.MAX_VALUE))));

        GateResult result = Gates.verify(data, gate);

        List<String> verdicts = result.verdicts().stream()
                .map(v -> v.rule().name() + "=" + v.passed() + ":" + v.metric().map(m -> String.format("%.2f", m))
                        .orElse("-"))
                .toList();
        assertEquals(List.of("id_complete=false:0.75", "id_unique=false:0.33", "amount_in_range=false:0.75",
                "known_currency=false:0.75", "enough_rows=true:4.00"), verdicts);
        assertTrue(result.blocks(), "a BLOCK rule failed");
        assertEquals(List.of("amount_in_range", "known_currency"), result.failed(Level.QUARANTINE).stream()
                .map(v -> v.rule().name()).toList());
        assertEquals("rule 'id_unique' (block): Uniqueness(id) = 0.3333, required uniqueness of id = 1.0",
                result.verdicts().get(1).describe(), "a failure explains itself: rule, level, metric, requirement");
    }

    @Test
    void quarantineRulesNameTheRulesEachRowBreaksAndRelationsBetweenColumnsAreRules() {
        Dataset<Row> data = rows(RowFactory.create("a", 10.0, "EUR"), RowFactory.create("b", 250.0, "XXX"),
                RowFactory.create("c", -1.0, "USD"), RowFactory.create("d", null, "EUR"));
        Gate gate = new Gate("silver.payments", List.of(
                new Rule("amount_in_range", Level.QUARANTINE, new Constraint.Range("amount", 0, 100)),
                new Rule("known_currency", Level.QUARANTINE, new Constraint.AllowedValues("currency",
                        List.of("EUR", "USD"))),
                new Rule("usd_is_positive", Level.WARN, new Constraint.Satisfies("currency <> 'USD' OR amount > 0"))));

        Dataset<Row> judged = RowChecks.withBrokenRules(data, gate);

        assertEquals(List.of("a=[]", "b=[amount_in_range, known_currency]", "c=[amount_in_range]", "d=[]"),
                judged.orderBy("id").collectAsList().stream()
                        .map(r -> r.getString(0) + "=" + r.getList(r.fieldIndex(RowChecks.BROKEN_RULES))).toList());
        assertEquals(List.of("a", "d"), RowChecks.passing(judged).orderBy("id").select("id")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        RuleVerdict relation = Gates.verify(data, gate).verdicts().get(2);
        assertEquals(RuleVerdict.Status.FAILED, relation.status(), "row c breaks the relation");
        assertEquals(Optional.of(0.75), relation.metric());
    }

    @Test
    void cleanDataPassesEveryRule() {
        Dataset<Row> data = rows(RowFactory.create("a", 10.0, "EUR"), RowFactory.create("b", 20.0, "USD"));
        GateResult result = Gates.verify(data, new Gate("t", List.of(
                new Rule("id_unique", Level.BLOCK, new Constraint.Uniqueness(List.of("id"))),
                new Rule("amount_in_range", Level.BLOCK, new Constraint.Range("amount", 0, 100)))));

        assertFalse(result.blocks());
        assertEquals(Optional.of(1.0), result.verdicts().get(0).metric());
    }
}
