package io.eventlake.gold.features;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.GoldTestTables;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverReturnsJob;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Training sets: point-in-time joins, and a rebuild with the recorded versions after new data has landed. */
@Tag("job")
class TrainingSetBuilderTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String order(String id, String customer, String at, String price) {
        return event("e-" + id, "order_placed", 1, at, "{\"order_id\": \"" + id + "\", \"customer_id\": \""
                + customer + "\", \"store_id\": \"s-1\", \"currency\": \"EUR\", \"lines\": [{\"sku\": \"a\","
                + " \"quantity\": 1, \"unit_price\": " + price + "}]}");
    }

    private static void silverAndFeatures(SilverTestLake lake, GoldSettings gold) {
        SilverContext context = lake.context(new SilverRunMetrics());
        run(new SilverOrdersJob(context), new SilverReturnsJob(context));
        new CustomerFeaturesJob(gold).refresh(TestSpark.session(), false);
    }

    private static List<String> read(String path) {
        return TestSpark.session().read().format("delta").load(path).orderBy("customer_id", "label_time")
                .collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void labelsGetTheLatestFeaturesBeforeThemAndAsOfVersionsRebuildTheSameSet() throws IOException {
        SilverTestLake lake = new SilverTestLake("gold-training");
        GoldSettings gold = GoldTestTables.settings(lake, "gold_training");
        lake.bronze(T0, order("o1", "c-1", "2026-11-10T10:00:00Z", "10.00"),
                order("o2", "c-1", "2026-11-12T10:00:00Z", "20.00"),
                order("o3", "c-2", "2026-11-11T10:00:00Z", "5.00"));
        silverAndFeatures(lake, gold);
        Path labels = lake.dir().resolve("labels.csv");
        Files.writeString(labels, String.join("\n", "customer_id,label_time,label",
                "c-1,2026-11-12T15:00:00Z,1",
                "c-1,2026-11-11T00:00:00Z,0",
                "c-2,2026-11-13T00:00:01Z,1") + "\n");
        String out = lake.dir().resolve("training/set-1").toString();
        TrainingSetBuilder builder = new TrainingSetBuilder(gold.tables().customerFeatures());

        TrainingSetBuilder.Result first = builder.build(TestSpark.session(), labels.toString(), out, Map.of());

        assertEquals(3, first.rows());
        assertEquals(1, first.withoutFeatures(), "at 00:00 on the 11th no feature date lies strictly before");
        List<String> firstRows = read(out);
        assertEquals(List.of(
                "[c-1,2026-11-11 00:00:00.0,0,null,null,null,null,null,null,null]",
                "[c-1,2026-11-12 15:00:00.0,1,2026-11-12,1,1,10.00,10.00,0.0,2]",
                "[c-2,2026-11-13 00:00:01.0,1,2026-11-13,1,1,5.00,5.00,0.0,2]"), firstRows,
                "the features of the 12th (from events before the 12th) for a label on the 12th at 15:00");

        // A late order for the 11th lands: today's features for the 12th change.
        lake.bronze(T0.plusSeconds(3600), order("o4", "c-1", "2026-11-11T10:00:00Z", "30.00"));
        silverAndFeatures(lake, gold);
        String now = lake.dir().resolve("training/set-now").toString();
        builder.build(TestSpark.session(), labels.toString(), now, Map.of());
        assertNotEquals(firstRows, read(now), "new data changes a set built on current versions");

        String rebuilt = lake.dir().resolve("training/set-rebuilt").toString();
        TrainingSetBuilder.Result again = builder.build(TestSpark.session(), labels.toString(), rebuilt,
                first.versions());
        assertEquals(firstRows, read(rebuilt), "the recorded versions rebuild the identical set");
        assertEquals(first.versions(), again.versions());
        assertEquals(first.labelsSha256(), again.labelsSha256());
    }
}
