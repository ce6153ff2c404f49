package io.eventlake.orchestration.cli;

import static io.eventlake.testing.TestCli.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code lake status} through the production CLI on a lake of its own with a real broker: bronze drained (lag 0),
 * then more events produced (lag counts them); a silver table five hours behind bronze's newest event is STALE,
 * one not created yet says so, bronze's run is the last run of its job, a malformed record is counted by reason.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusCommandTest {
    private final SparkSession spark = TestSpark.session();
    private final List<String> lake = new ArrayList<>();
    private final Instant newest = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private String topic;

    private TestCli.Run lake(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(lake);
        return TestCli.run(CliExtension.NONE, TestCli.WITH_KEY, local(all.toArray(String[]::new)));
    }

    private void send(int from, int count) {
        List<String> values = new ArrayList<>(IntStream.range(from, from + count).mapToObj(i -> SampleEvents.json(
                SampleEvents.orderPlaced("st-" + i).put("occurred_at", newest.toString()))).toList());
        TestKafka.send(topic, values.stream().map(v -> "k").toList(), values);
    }

    @BeforeAll
    void aDrainedBronzeAndASilverTableFiveHoursBehind() {
        topic = TestKafka.newTopic("status", 2);
        Path root = TestSpark.tempDir("status");
        lake.addAll(List.of("--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]", "--set", "lake-root=\"" + root + "\""));
        lake.addAll(TestCli.ownTables("st"));
        send(0, 10);
        TestKafka.send(topic, List.of("k"), List.of("{not json"));
        TestCli.Run bronze = lake("bronze", "--available-now");
        assertEquals(LakeCommand.OK, bronze.status(), bronze.err());

        TableLocation orders = new TableLocation("st_silver.orders", root + "/st_silver/orders");
        DeltaTables.ensure(spark, orders, SilverOrdersTable.SCHEMA, SilverOrdersTable.LAYOUT);
        Object[] values = new Object[SilverOrdersTable.SCHEMA.size()];
        values[SilverOrdersTable.SCHEMA.fieldIndex(SilverOrdersTable.EVENT_ID)] = "st-old";
        values[SilverOrdersTable.SCHEMA.fieldIndex(SilverOrdersTable.EVENT_DATE)] = java.sql.Date.valueOf("2026-11-20");
        values[SilverOrdersTable.SCHEMA.fieldIndex(SilverOrdersTable.OCCURRED_AT)] = Timestamp.from(
                newest.minus(Duration.ofHours(5)));
        spark.createDataFrame(List.<Row>of(RowFactory.create(values)), SilverOrdersTable.SCHEMA).write()
                .format("delta").mode("append").save(orders.path());
    }

    @Test
    void statusShowsStaleTablesLagPerPartitionLastRunsAndQuarantineReasons() {
        TestCli.Run drained = lake("status");
        assertEquals(LakeCommand.OK, drained.status(), drained.err());
        String out = drained.out();
        assertTrue(out.matches("(?s).*\\nst_bronze\\.events +[1-9]\\d* .* 0s\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nst_silver\\.orders +\\d+ .* 5h 0m  STALE\\n.*"), out);
        assertTrue(out.contains("1 table is STALE: more than 1h 0m behind the newest event"), out);
        assertTrue(out.matches("(?s).*\\nst_gold\\.daily_store_sales +- +not created yet\\n.*"), out);
        assertTrue(out.contains("  total lag 0 records"), out);
        assertTrue(out.matches("(?s).*\\n  " + topic + "/0 +committed +\\d+ +end +\\d+ +lag +0\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n  bronze\\.events +succeeded bronze .*"), out);
        assertTrue(out.matches("(?s).*\\n  st_bronze\\.quarantine: \\S+ 1\\n.*"), out);

        send(10, 5);
        TestCli.Run behind = lake("status");
        assertEquals(LakeCommand.OK, behind.status(), behind.err());
        Matcher total = Pattern.compile("total lag (\\d+) records").matcher(behind.out());
        assertTrue(total.find(), behind.out());
        assertEquals(5, Long.parseLong(total.group(1)), behind.out());
    }
}
