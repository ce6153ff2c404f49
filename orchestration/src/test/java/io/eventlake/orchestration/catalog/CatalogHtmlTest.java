package io.eventlake.orchestration.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.orchestration.status.LakeStatus;
import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog's pages from a small model: every table listed, the lineage drawn, a rule's chart, escaping. */
@Tag("unit")
class CatalogHtmlTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static CatalogModel.TablePage page(String setting, String name, String description,
                                               List<CatalogModel.Rule> rules,
                                               Map<String, List<CatalogModel.Point>> metrics) {
        TableSpec spec = new TableSpec(setting, new StructType().add("id", DataTypes.StringType)
                .add("day", DataTypes.DateType), TableLayout.partitioned(List.of("day")))
                .withEventTime("day").withDoc(TableDoc.of(description, "one row per id", List.of("id")));
        return new CatalogModel.TablePage(spec, new TableLocation(name, "/lake/" + name.replace('.', '/')),
                setting.split("\\.")[1], "team@example", Map.of(), Optional.empty(), List.of(), rules, metrics,
                List.of());
    }

    @Test
    void theIndexListsEveryTableAndDrawsTheLineageAndATablePageChartsItsRules() {
        CatalogModel.Rule failed = new CatalogModel.Rule("revenue_plausible", "block", "every x within [0, 1]",
                "Compliance", 0.5, "failed", 3L, NOW);
        CatalogModel model = new CatalogModel(new LakeStatus("/lake", NOW, Duration.ofHours(1), Optional.of(NOW),
                List.of(new LakeStatus.TableStatus("bronze.events", Optional.of(2L), Optional.of(NOW),
                                Optional.of(NOW), Optional.of(Duration.ZERO), false),
                        new LakeStatus.TableStatus("gold.sales", Optional.of(3L), Optional.of(NOW),
                                Optional.of(NOW.minusSeconds(7200)), Optional.of(Duration.ofHours(2)), true)),
                new LakeStatus.KafkaLag(List.of(), Optional.of("not asked")), List.of(), Map.of()),
                List.of(page("eventlake.bronze.events-table", "bronze.events", "Every record <raw> & all",
                                List.of(), Map.of()),
                        page("eventlake.gold.sales-table", "gold.sales", "Sales", List.of(failed),
                                Map.of("revenue_plausible", List.of(new CatalogModel.Point(NOW.minusSeconds(60), 1.0),
                                        new CatalogModel.Point(NOW, 0.5))))),
                new CatalogModel.Lineage(Set.of("retail.events"), Set.of(
                        new CatalogModel.Edge("kafka:retail.events", "bronze.events"),
                        new CatalogModel.Edge("bronze.events", "gold.sales"))));

        Map<String, String> pages = CatalogHtml.pages(model);
        assertEquals(Set.of("index.html", "bronze.events.html", "gold.sales.html"), pages.keySet());
        String index = pages.get("index.html");
        assertTrue(index.contains("data-table=\"bronze.events\"") && index.contains("data-table=\"gold.sales\""),
                index);
        assertTrue(index.contains("Every record &lt;raw&gt; &amp; all"), "descriptions are escaped");
        assertTrue(index.contains("STALE: 2h 0m behind"), index);
        assertTrue(index.contains("data-from=\"kafka:retail.events\" data-to=\"bronze.events\""), index);
        assertTrue(index.contains("data-node=\"kafka:retail.events\""), index);

        String sales = pages.get("gold.sales.html");
        assertTrue(sales.contains("Look closer before you use it"), "a failed rule and a stale table: " + sales);
        assertTrue(sales.contains("1 of 1 rules did not pass their last check"), sales);
        assertTrue(sales.matches("(?s).*<svg class=\"chart\" data-rule=\"revenue_plausible\".*<polyline points=\""
                + "50\\.0,15\\.0 540\\.0,120\\.0\".*"), sales);
        assertTrue(sales.contains("class=\"node here\" data-node=\"gold.sales\""), sales);
        assertTrue(sales.contains("class=\"node up\" data-node=\"bronze.events\""), "upstream highlighted: " + sales);
    }
}
