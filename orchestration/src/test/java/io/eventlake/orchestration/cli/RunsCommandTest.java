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
import org.junit.jupiter.api.Tag;

/**
 * Runs, versions, lineage and rollback through the command line, on a real broker and real tables: a pipeline run,
 * the lineage of a gold version back to Kafka offsets, a later bronze run, a refused and a cascading run rollback,
 * history.
 */
@Tag("e2e")
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

        // A later run writes one of the first run's tables: undoing the first run alone is refused.
        Run shown = run(common, "show", sales, "--version", "1", "--limit", "3");
        assertEquals(LakeCommand.OK, shown.status(), shown.err());
        assertTrue(shown.out().matches("(?s)" + sales + " version 1: [1-9]\\d* rows\\n\\+-+.*"), shown.out());
        String now = java.time.Instant.now().toString();
        Run asOf = run(common, "show", sales, "--timestamp", now, "--limit", "1");
        assertEquals(LakeCommand.OK, asOf.status(), asOf.err());
        Matcher rows = Pattern.compile(sales + " version 1: (\\d+) rows").matcher(shown.out());
        assertTrue(rows.find(), shown.out());
        assertTrue(asOf.out().startsWith(sales + " as of " + now + ": " + rows.group(1) + " rows\n"), asOf.out());
        Run tooEarly = run(common, "show", sales, "--timestamp", "2000-01-01T00:00:00Z");
        assertEquals(LakeCommand.BAD_INPUT, tooEarly.status());
        assertTrue(tooEarly.err().contains("a time at or after the table's first version"), tooEarly.err());
        Run unknown = run(common, "history", "lin_gold.daily_sales");
        assertEquals(LakeCommand.BAD_INPUT, unknown.status());
        assertTrue(unknown.err().startsWith("error: There is no lake table named 'lin_gold.daily_sales'. The lake's "
                + "tables are: lin_bronze.events, "), unknown.err());
        Run missing = run(common, "rollback", sales, "--to-version", "42");
        assertEquals(LakeCommand.BAD_INPUT, missing.status());
        assertTrue(missing.err().startsWith("error: Table " + sales + " has no version 42. Its versions run from 0 "
                + "to 1"), missing.err());

        assertEquals(LakeCommand.OK, run(common, "generate", "--count", "50", "--seed", "6").status());
        Matcher bronzeRun = Pattern.compile("^bronze run (\\S+): 50 records").matcher(
                run(common, "bronze", "--available-now").out());
        assertTrue(bronzeRun.find());
        String secondRun = bronzeRun.group(1);

        Run refused = run(common, "rollback", "--run", firstRun);
        assertEquals(LakeCommand.BAD_INPUT, refused.status(), refused.out());
        assertTrue(refused.err().startsWith("error: Run '" + firstRun + "' cannot be rolled back on its own. Later "
                + "runs wrote the same tables since: lin_bronze.events v"), refused.err());
        assertTrue(refused.err().contains("by run " + secondRun), refused.err());

        // With --cascade both runs are undone: every table the first run wrote holds what it held before it.
        List<org.apache.spark.sql.Row> outputs = spark.read().format("delta").load(root.resolve("t"
                        + Integer.toHexString(("lake-root=\"" + root + "\"").hashCode()) + "_quality/runs").toString())
                .where(org.apache.spark.sql.functions.col("run_id").equalTo(firstRun))
                .selectExpr("explode(outputs) AS o").select("o.table_name", "o.version_before").collectAsList();
        assertTrue(outputs.size() >= 12, "bronze, silver and gold tables: " + outputs);
        Run undone = run(common, "rollback", "--run", firstRun, "--cascade");
        assertEquals(LakeCommand.OK, undone.status(), undone.err() + undone.out());
        assertTrue(undone.out().contains("restored lin_bronze.events to version 0"), undone.out());
        for (org.apache.spark.sql.Row output : outputs) {
            String path = root.resolve(output.getString(0).replace('.', '/')).toString();
            io.eventlake.table.TableLocation table = new io.eventlake.table.TableLocation(output.getString(0), path);
            assertEquals(output.getLong(1), io.eventlake.table.DeltaCommits.effectiveVersion(spark, table,
                    io.eventlake.table.DeltaCommits.currentVersion(spark, table)), output.getString(0));
            assertEquals(spark.read().format("delta").option("versionAsOf", output.getLong(1)).load(path).count(),
                    spark.read().format("delta").load(path).count(), output.getString(0));
        }

        Run history = run(common, "history", sales);
        assertEquals(LakeCommand.OK, history.status(), history.err());
        assertTrue(history.out().matches("(?s)version +time +operation +run +rows +gate\\n\\d+ .* RESTORE +rollback-"
                + "\\S+ .* restores v0 \\(restore:0 rollback-of:" + Pattern.quote(firstRun) + "\\)\\n.*"),
                history.out());
        assertTrue(history.out().matches("(?s).*\\n1 .* " + Pattern.quote(firstRun) + " .* passed\\n.*"),
                history.out());
    }
}
