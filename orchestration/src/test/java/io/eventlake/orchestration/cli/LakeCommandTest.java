package io.eventlake.orchestration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI end to end, in process: arguments, exit status, messages; the demo through the command line. */
class LakeCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    record Run(int status, String out, String err) {
    }

    static Run lake(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(Arrays.asList(args));
        int status = LakeCommand.execute(settings -> TestSpark.session(), new PrintWriter(out, true),
                new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(status, out.toString(), err.toString());
    }

    private static String[] local(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--conf-dir", ROOT.resolve("conf").toString(), "--env", "local",
                "--set", "local-kafka.classpath-file=\"" + System.getProperty("eventlake.kafka.classpath-file") + "\""));
        return all.toArray(String[]::new);
    }

    @Test
    void anUnknownCommandIsBadInput() {
        Run run = lake("ingest");
        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().contains("Unmatched argument at index 0: 'ingest'"), run.err());
    }

    @Test
    void aBadSettingIsBadInputWithOneClearMessage() {
        Run run = lake(local("bronze", "--available-now", "--set", "kafka.max-offsets-per-trigger=-5"));

        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().startsWith("error: Setting 'eventlake.kafka.max-offsets-per-trigger' has the invalid "
                + "value '-5'."), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for bad input: " + run.err());
    }

    @Test
    void aNegativeCountIsRefused() {
        Run run = lake(local("generate", "--count", "-1"));
        assertEquals(LakeCommand.BAD_INPUT, run.status());
        assertTrue(run.err().contains("'--count'"), run.err());
    }

    @Test
    void generatingToAnUnreachableBrokerFailsNamingTheBrokerAndTheFix() {
        Run run = lake(local("generate", "--count", "5", "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\""));

        assertEquals(LakeCommand.FAILED, run.status());
        assertTrue(run.err().contains("Could not write events to topic 'retail.events' on '127.0.0.1:1'"), run.err());
        assertTrue(run.err().contains("./lake kafka start"), run.err());
    }

    @Test
    void bronzeFailsFastNamingAnUnreachableBrokerOrAMissingTopic() {
        long start = System.nanoTime();
        Run down = lake(local("bronze", "--available-now", "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\"",
                "--set", "lake-root=\"" + TestSpark.tempDir("down") + "\""));
        assertEquals(LakeCommand.FAILED, down.status());
        assertTrue(down.err().startsWith("error: Kafka at '127.0.0.1:1' did not answer within 15 s."), down.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 60, "fails in seconds, not after minutes of retries");

        Run missing = lake(local("bronze", "--available-now",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"no-such-topic\"]",
                "--set", "lake-root=\"" + TestSpark.tempDir("missing") + "\""));
        assertEquals(LakeCommand.BAD_INPUT, missing.status());
        assertTrue(missing.err().contains("Topic 'no-such-topic' does not exist on Kafka at"), missing.err());
        assertTrue(missing.err().contains("eventlake.kafka.topics"), missing.err());
    }

    @Test
    void kafkaStatusSaysWhenNoBrokerRuns() {
        Run run = lake(local("kafka", "status", "--set", "lake-root=\"" + TestSpark.tempDir("status") + "\""));
        assertEquals(KafkaCommand.NOT_RUNNING, run.status());
        assertTrue(run.out().contains("Kafka broker not running."), run.out());
    }

    @Test
    void kafkaStartStatusStopManageARealBroker() {
        String lakeRoot = "lake-root=\"" + TestSpark.tempDir("kafka-cli") + "\"";
        String port = "local-kafka.port=" + io.eventlake.bronze.kafka.LocalKafkaBroker.freePort();
        String controller = "local-kafka.controller-port=" + io.eventlake.bronze.kafka.LocalKafkaBroker.freePort();
        try {
            Run start = lake(local("kafka", "start", "--set", lakeRoot, "--set", port, "--set", controller));
            assertEquals(LakeCommand.OK, start.status(), start.err());
            assertTrue(start.out().contains("Kafka broker running"), start.out());

            Run again = lake(local("kafka", "start", "--set", lakeRoot, "--set", port, "--set", controller));
            assertEquals(LakeCommand.FAILED, again.status());
            assertTrue(again.err().contains("already runs"), again.err());

            assertEquals(LakeCommand.OK, lake(local("kafka", "status", "--set", lakeRoot, "--set", port)).status());
        } finally {
            Run stop = lake(local("kafka", "stop", "--set", lakeRoot));
            assertEquals(LakeCommand.OK, stop.status(), stop.err());
            assertTrue(stop.out().contains("Kafka broker stopped."), stop.out());
        }
        assertEquals(KafkaCommand.NOT_RUNNING, lake(local("kafka", "status", "--set", lakeRoot)).status());
    }

    @Test
    void generateThenBronzeThroughTheCommandLine() {
        String topic = TestKafka.newTopic("cli", 2);
        String[] common = {"--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "lake-root=\"" + TestSpark.tempDir("cli-lake") + "\"",
                "--set", "bronze.events-table=cli.events", "--set", "bronze.quarantine-table=cli.quarantine"};
        List<String> generate = new ArrayList<>(List.of("generate", "--count", "300", "--seed", "3"));
        generate.addAll(List.of(common));
        Run sent = lake(local(generate.toArray(String[]::new)));
        assertEquals(LakeCommand.OK, sent.status(), sent.err());
        assertTrue(sent.out().matches("(?s).*\\n  total +300\\n.*"), sent.out());

        List<String> bronze = new ArrayList<>(List.of("bronze", "--available-now", "--run-id", "cli-run"));
        bronze.addAll(List.of(common));
        Run ingested = lake(local(bronze.toArray(String[]::new)));
        assertEquals(LakeCommand.OK, ingested.status(), ingested.err());
        assertTrue(ingested.out().startsWith("bronze run cli-run: 300 records"), ingested.out());
        assertEquals(300, TestSpark.session().table("cli.events").count());
    }

    @Test
    void theDemoReconcilesEverythingItSent() {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        Run run;
        try {
            System.setOut(new java.io.PrintStream(captured, true));
            run = lake(local("demo", "--count", "1500", "--set", "lake-root=\"" + TestSpark.tempDir("demo") + "\""));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString();
        assertEquals(LakeCommand.OK, run.status(), run.err() + out);
        assertTrue(out.contains("bronze rows (all records)                    1500 ->     1500  ok"), out);
        assertTrue(out.contains("reason malformed_json"), out);
        assertTrue(out.contains("Everything sent is accounted for."), out);
        assertTrue(out.matches("(?s).*5\\. Silver \\(available-now\\): silver\\.payments: \\d+ valid bronze events = \\d+ "
                + "rows \\+ [1-9]\\d* duplicates dropped \\+ [1-9]\\d* quarantined  ok.*"), out);
        assertTrue(out.contains("the broker is stopped"), out);
    }
}
