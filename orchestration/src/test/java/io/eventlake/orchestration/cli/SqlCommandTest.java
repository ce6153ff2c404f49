package io.eventlake.orchestration.cli;

import static io.eventlake.testing.TestCli.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code lake sql} through the production CLI, on a lake bronze wrote twice (two versions of its events table). */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCommandTest {
    private final List<String> lake = new ArrayList<>();

    private static TestCli.Run lake(String... args) {
        return TestCli.run(CliExtension.NONE, TestCli.WITH_KEY, args);
    }

    private String[] sql(String... args) {
        List<String> all = new ArrayList<>(List.of("sql"));
        all.addAll(List.of(args));
        all.addAll(lake);
        return local(all.toArray(String[]::new));
    }

    @BeforeAll
    void aLakeWithTwoBronzeVersions() {
        String topic = TestKafka.newTopic("sql", 1);
        Path root = TestSpark.tempDir("sql");
        lake.addAll(List.of("--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]", "--set", "lake-root=\"" + root + "\"",
                "--set", "bronze.events-table=sqlt.events", "--set", "bronze.quarantine-table=sqlt.quarantine"));
        for (int batch = 0; batch < 2; batch++) {
            List<String> values = IntStream.range(batch * 10, batch * 10 + 10).mapToObj(i -> SampleEvents.json(
                    SampleEvents.orderPlaced("sql-" + i))).toList();
            TestKafka.send(topic, values.stream().map(v -> "k").toList(), values);
            List<String> bronze = new ArrayList<>(List.of("bronze", "--available-now"));
            bronze.addAll(lake);
            TestCli.Run run = lake(local(bronze.toArray(String[]::new)));
            assertEquals(LakeCommand.OK, run.status(), run.err());
        }
    }

    @Test
    void aQueryByNameAtAVersionAndTheHistoryPrintAsAnAlignedTable() {
        TestCli.Run now = lake(sql("SELECT event_type, count(*) AS events FROM sqlt.events GROUP BY event_type"));
        assertEquals(LakeCommand.OK, now.status(), now.err());
        assertEquals("event_type   | events\n-------------+-------\norder_placed | 20\n(1 row)\n", now.out());

        TestCli.Run before = lake(sql("SELECT count(*) AS n FROM sqlt.events VERSION AS OF 1", "--format", "csv"));
        assertEquals("n\n10\n", before.out(), before.err());

        TestCli.Run history = lake(sql("DESCRIBE HISTORY sqlt.events", "--format", "json"));
        assertEquals(LakeCommand.OK, history.status(), history.err());
        assertEquals(3, history.out().lines().count(), "create + two appends: " + history.out());
        assertTrue(history.out().lines().allMatch(line -> line.startsWith("{\"version\":")), history.out());

        for (String read : List.of("DESCRIBE sqlt.events", "DESCRIBE DETAIL sqlt.events", "SHOW TABLES IN sqlt",
                "SHOW COLUMNS IN sqlt.events", "SHOW TBLPROPERTIES sqlt.events", "DESCRIBE DATABASE sqlt",
                "SHOW DATABASES", "EXPLAIN SELECT * FROM sqlt.events")) {
            TestCli.Run run = lake(sql(read));
            assertEquals(LakeCommand.OK, run.status(), read + ": " + run.err());
        }
    }

    @Test
    void aWriteIsRefusedWithExit2AndTheTableIsUntouched() {
        TestCli.Run drop = lake(sql("DELETE FROM sqlt.events"));
        assertEquals(LakeCommand.BAD_INPUT, drop.status());
        assertTrue(drop.err().startsWith("error: The statement 'DELETE FROM sqlt.events' (DeleteFromTable) was "
                + "refused: it would change the lake."), drop.err());
        assertEquals("n\n20\n", lake(sql("SELECT count(*) AS n FROM sqlt.events", "--format", "csv")).out());
    }

    @Test
    void anUnknownTableIsBadInputNamingIt() {
        TestCli.Run run = lake(sql("SELECT * FROM sqlt.nope"));
        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: The query 'SELECT * FROM sqlt.nope' cannot run.")
                && run.err().contains("sqlt.nope"), run.err());
    }
}
