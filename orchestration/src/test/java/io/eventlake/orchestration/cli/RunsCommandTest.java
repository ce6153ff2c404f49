package io.eventlake.orchestration.cli;

import static io.eventlake.orchestration.cli.LakeCommandTest.lake;
import static io.eventlake.orchestration.cli.LakeCommandTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.orchestration.cli.LakeCommandTest.Run;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Runs, versions, lineage and rollback through the command line, on a real broker and real tables: two pipeline
 * runs, the lineage of a gold version back to Kafka offsets, a refused and an accepted run rollback, history.
 */
class RunsCommandTest {
    private final SparkSession spark = TestSpark.session();

    private static Run run(List<String> common, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        Run run = lake(local(all.toArray(String[]::new)));
        return run;
    }

    private static String runId(Run run) {
        Matcher id = Pattern.compile("\\nrun (pipeline-\\S+)\\n").matcher(run.out());
        assertTrue(id.find(), run.out());
        return id.group(1);
    }

    @Test
    void lineageReachesKafkaOffsetsAndARunRollsBackOnlyWhenNoLaterRunDependsOnIt() {
        String topic = TestKafka.newTopic("lineage", 1);
        Path root = TestSpark.tempDir("lineage-lake");
        List<String> common = new ArrayList<>(List.of(
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]", "--set", "lake-root=\"" + root + "\""));
        common.addAll(LakeCommandTest.ownTables("lin"));
        String sales = "lin_gold.daily_store_sales";

        assertEquals(LakeCommand.OK, run(common, "generate", "--count", "200", "--seed", "5").status());
        Run first = run(common, "pipeline", "--available-now");
        assertEquals(LakeCommand.OK, first.status(), first.err() + first.out());
        String firstRun = runId(first);
        assertTrue(first.out().contains("audit passed (version 1)"), first.out());

        Run lineage = run(common, "lineage", sales, "--version", "1");
        assertEquals(LakeCommand.OK, lineage.status(), lineage.err());
        assertTrue(lineage.out().startsWith(sales + " v1 <- run " + firstRun + ", job gold.daily_store_sales\n"),
                lineage.out());
        assertTrue(lineage.out().contains("lin_silver.orders v"), lineage.out());
        assertTrue(lineage.out().contains("lin_bronze.events v"), lineage.out());
        assertTrue(lineage.out().contains("kafka " + topic + " offsets earliest -> {\"" + topic + "\":{\"0\":200}}"),
                "lineage reaches the Kafka offsets the gold version came from:\n" + lineage.out());

        assertEquals(LakeCommand.OK, run(common, "generate", "--count", "100", "--seed", "6").status());
        Run second = run(common, "pipeline", "--available-now");
        assertEquals(LakeCommand.OK, second.status(), second.err() + second.out());
        String secondRun = runId(second);

        Run refused = run(common, "rollback", "--run", firstRun);
        assertEquals(LakeCommand.BAD_INPUT, refused.status(), refused.out());
        assertTrue(refused.err().startsWith("error: Run '" + firstRun + "' cannot be rolled back on its own. Later "
                + "runs wrote the same tables since: "), refused.err());
        assertTrue(refused.err().contains("by run " + secondRun), refused.err());

        long goldBefore = spark.read().format("delta").load(root.resolve("lin_gold/daily_store_sales").toString())
                .count();
        Run undone = run(common, "rollback", "--run", secondRun);
        assertEquals(LakeCommand.OK, undone.status(), undone.err() + undone.out());
        assertTrue(undone.out().contains("restored lin_bronze.events to version "), undone.out());
        assertEquals(200, spark.read().format("delta").load(root.resolve("lin_bronze/events").toString()).count(),
                "bronze is back at the first run's records");
        long salesVersions = spark.read().format("delta").option("versionAsOf", 1)
                .load(root.resolve("lin_gold/daily_store_sales").toString()).count();
        assertEquals(salesVersions, spark.read().format("delta")
                .load(root.resolve("lin_gold/daily_store_sales").toString()).count());
        assertTrue(goldBefore >= salesVersions);

        Run history = run(common, "history", sales);
        assertEquals(LakeCommand.OK, history.status(), history.err());
        assertTrue(history.out().matches("(?s)version +time +operation +run +rows +gate\\n\\d+ .* RESTORE +rollback-"
                + "\\S+ .* restores v1 \\(restore:1 rollback-of:" + Pattern.quote(secondRun) + "\\)\\n.*"),
                history.out());
        assertTrue(history.out().matches("(?s).*\\n1 .* " + Pattern.quote(firstRun) + " .* passed\\n.*"),
                history.out());
    }
}
