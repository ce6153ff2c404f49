package io.eventlake.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The commit-tag grammar: every variant reads back as itself, and the texts tables already hold still parse. */
@Tag("unit")
class CommitTagTest {
    @Test
    void everyVariantReadsBackAsItself() {
        List<CommitTag> tags = List.of(
                new CommitTag.Batch("3f2a-query", 17),
                new CommitTag.Batch("3f2a-query", 17).part("gate"),
                new CommitTag.Refresh("gold.daily_store_sales", Map.of("silver.orders", 12L)),
                CommitTag.Restore.rollback(4),
                CommitTag.Restore.rollbackOf(0, "run-7"),
                CommitTag.Restore.afterFailedAudit(5, 6, List.of("daily_revenue_plausible", "units_positive")),
                new CommitTag.RunRecord("lake gold --full"),
                new CommitTag.GateResults("silver.orders"),
                new CommitTag.TrainingSet(Map.of("gold.customer_features", 12L), Optional.of("ab12")),
                new CommitTag.TrainingSet(Map.of("gold.customer_features", 3L, "labels", 1L), Optional.empty()),
                new CommitTag.Other("written by hand"));
        for (CommitTag tag : tags) {
            assertEquals(tag, CommitTag.parse(tag.text()), tag.text());
        }
    }

    @Test
    void theTextsEarlierVersionsWroteParseToTheirVariants() {
        assertEquals(new CommitTag.Batch("a/b", 3), CommitTag.parse("a/b/3"));
        assertEquals(new CommitTag.Batch("q", 3, "conformance"), CommitTag.parse("q/3#conformance"));
        assertEquals(new CommitTag.Refresh("gold.customer_features", Map.of("silver.orders", 2L, "silver.returns", 0L)),
                CommitTag.parse("refresh:gold.customer_features:{\"silver.orders\":2,\"silver.returns\":0}"));
        CommitTag audit = CommitTag.parse("restore:5 audit-failed:v6 rules:daily_revenue_plausible");
        assertTrue(audit instanceof CommitTag.Restore restore && restore.version() == 5 && restore.afterFailedAudit());
        assertFalse(((CommitTag.Restore) CommitTag.parse("restore:2 rollback")).afterFailedAudit());
        assertEquals(new CommitTag.Restore(9, ""), CommitTag.parse("restore:9"));
        assertEquals(new CommitTag.Other("refresh:broken"), CommitTag.parse("refresh:broken"));
        assertEquals(new CommitTag.Other("query/not-a-number"), CommitTag.parse("query/not-a-number"));
    }
}
