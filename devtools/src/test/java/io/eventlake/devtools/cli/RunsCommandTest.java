package io.eventlake.devtools.cli;

import static io.eventlake.devtools.cli.LakeCommandTest.lake;
import static io.eventlake.devtools.cli.LakeCommandTest.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.testing.TestCli.Run;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs, versions, lineage and rollback through the command line, on a real broker and real tables. One pipeline
 * run is the lake every test reads (set up once: it takes minutes); the rollback tests run last, in order, because
 * they undo it.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsCommandTest {
    private static final String SALES = "lin_gold.daily_store_sales";
    private final SparkSession spark = TestSpark.session();
    private final String topic = TestKafka.newTopic("lineage", 1);
    private final Path root = TestSpark.tempDir("lineage-lake");
    private final List<String> common = new ArrayList<>();
    private String firstRun;

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return lake(local(all.toArray(String[]::new)));
    }

    private static String runId(Run run) {
        Matcher id = Pattern.compile("\\nrun (pipeline-\\S+)\\n").matcher(run.out());
        assertTrue(id.find(), run.out());
        return id.group(1);
    }

    @BeforeAll
    void aPipelineRunOf200Events() {
        common.addAll(List.of("--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]", "--set", "lake-root=\"" + root + "\""));
        common.addAll(LakeCommandTest.ownTables("lin"));
        assertEquals(LakeCommand.OK, run("generate", "--count", "200", "--seed", "5").status());
        Run first = run("pipeline", "--available-now");
        assertEquals(LakeCommand.OK, first.status(), first.err() + first.out());
        firstRun = runId(first);
        assertTrue(first.out().contains("audit passed (version 1)"), first.out());
    }

    @Test
    @Order(1)
    void lineageOfAGoldVersionReachesTheKafkaOffsetsItCameFrom() {
        Run lineage = run("lineage", SALES, "--version", "1");
        assertEquals(LakeCommand.OK, lineage.status(), lineage.err());
        assertTrue(lineage.out().startsWith(SALES + " v1 <- run " + firstRun + ", job gold.daily_store_sales\n"),
                lineage.out());
        assertTrue(lineage.out().contains("lin_silver.orders v"), lineage.out());
        assertTrue(lineage.out().contains("lin_bronze.events v"), lineage.out());
        assertTrue(lineage.out().contains("kafka " + topic + " offsets earliest -> {\"" + topic + "\":{\"0\":200}}"),
                "lineage reaches the Kafka offsets the gold version came from:\n" + lineage.out());
    }

    @Test
    @Order(1)
    void showReadsAVersionOrATimeAndRefusesTimesBeforeTheTable() {
        Run shown = run("show", SALES, "--version", "1", "--limit", "3");
        assertEquals(LakeCommand.OK, shown.status(), shown.err());
        assertTrue(shown.out().matches("(?s)" + SALES + " version 1: [1-9]\\d* rows\\n\\+-+.*"), shown.out());
        String now = java.time.Instant.now().toString();
        Run asOf = run("show", SALES, "--timestamp", now, "--limit", "1");
        assertEquals(LakeCommand.OK, asOf.status(), asOf.err());
        Matcher rows = Pattern.compile(SALES + " version 1: (\\d+) rows").matcher(shown.out());
        assertTrue(rows.find(), shown.out());
        assertTrue(asOf.out().startsWith(SALES + " as of " + now + ": " + rows.group(1) + " rows\n"), asOf.out());
        Run tooEarly = run("show", SALES, "--timestamp", "2000-01-01T00:00:00Z");
        assertEquals(LakeCommand.BAD_INPUT, tooEarly.status());
        assertTrue(tooEarly.err().contains("a time at or after the table's first version"), tooEarly.err());
    }

    @Test
    @Order(1)
    void anUnknownTableOrVersionIsRefusedNamingWhatExists() {
        Run unknown = run("history", "lin_gold.daily_sales");
        assertEquals(LakeCommand.BAD_INPUT, unknown.status());
        assertTrue(unknown.err().startsWith("error: There is no lake table named 'lin_gold.daily_sales'. The lake's "
                + "tables are: lin_bronze.events, "), unknown.err());
        Run missing = run("rollback", SALES, "--to-version", "42");
        assertEquals(LakeCommand.BAD_INPUT, missing.status());
        assertTrue(missing.err().startsWith("error: Table " + SALES + " has no version 42. Its versions run from 0 "
                + "to 1"), missing.err());
    }

    @Test
    @Order(2)
    void aRunIsRolledBackOnlyWithItsDependentsAndThenEveryTableHoldsWhatItHeldBefore() {
        assertEquals(LakeCommand.OK, run("generate", "--count", "50", "--seed", "6").status());
        Matcher bronzeRun = Pattern.compile("^bronze run (\\S+): 50 records").matcher(
                run("bronze", "--available-now").out());
        assertTrue(bronzeRun.find());
        String secondRun = bronzeRun.group(1);

        // a later run wrote one of the first run's tables: undoing the first run alone is refused
        Run refused = run("rollback", "--run", firstRun);
        assertEquals(LakeCommand.BAD_INPUT, refused.status(), refused.out());
        assertTrue(refused.err().startsWith("error: Run '" + firstRun + "' cannot be rolled back on its own. Later "
                + "runs wrote the same tables since: lin_bronze.events v"), refused.err());
        assertTrue(refused.err().contains("by run " + secondRun), refused.err());

        // with --cascade both runs are undone: every table the first run wrote holds what it held before it
        List<org.apache.spark.sql.Row> outputs = spark.read().format("delta").load(root.resolve("t"
                        + Integer.toHexString(("lake-root=\"" + root + "\"").hashCode()) + "_quality/runs").toString())
                .where(org.apache.spark.sql.functions.col("run_id").equalTo(firstRun))
                .selectExpr("explode(outputs) AS o").select("o.table_name", "o.version_before").collectAsList();
        assertTrue(outputs.size() >= 12, "bronze, silver and gold tables: " + outputs);
        Run undone = run("rollback", "--run", firstRun, "--cascade");
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
    }

    @Test
    @Order(3)
    void historyShowsTheRollbackAndTheGateVerdictOfEachVersion() {
        Run history = run("history", SALES);
        assertEquals(LakeCommand.OK, history.status(), history.err());
        assertTrue(history.out().matches("(?s)version +time +operation +run +rows +gate\\n\\d+ .* RESTORE +rollback-"
                + "\\S+ .* restores v0 \\(restore:0 rollback-of:" + Pattern.quote(firstRun) + "\\)\\n.*"),
                history.out());
        assertTrue(history.out().matches("(?s).*\\n1 .* " + Pattern.quote(firstRun) + " .* passed\\n.*"),
                history.out());
    }
}
