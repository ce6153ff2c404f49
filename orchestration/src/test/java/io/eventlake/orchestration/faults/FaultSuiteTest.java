package io.eventlake.orchestration.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.testing.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault suite at a small size, end to end: real {@code lake} processes killed with SIGKILL, a second process,
 * the broker stopped mid-stream, a fuzz corpus; nothing lost, nothing duplicated, every silver table adding up.
 * (The read-only and full-disk faults are covered by {@code LakeFaultsTest}; the bench runs them here too.)
 */
class FaultSuiteTest {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    @Test
    void everyInjectedFaultLosesAndDuplicatesNothing() {
        String kafkaClasspath = "local-kafka.classpath-file=\"" + System.getProperty("eventlake.kafka.classpath-file")
                + "\"";
        LakeSettings settings = LakeConfig.load(new ConfigSources(ROOT.resolve("conf"), "local", null, List.of(
                "lake-root=\"" + TestSpark.tempDir("fault-suite") + "\"", kafkaClasspath)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaultSuite suite = new FaultSuite(new FaultSuite.Settings(400, 600, 1, false, 7), settings,
                ContractRegistry.load(settings.contractsLocation()),
                List.of("--conf-dir", ROOT.resolve("conf").toString(), "--env", "local", "--set", kafkaClasspath),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<FaultOutcome> outcomes = suite.run(s -> TestSpark.session());

        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("fuzz corpus (mutated events)", "kill -9 of the running pipeline",
                "second process on the same lake", "broker down 10 s mid-stream"),
                outcomes.stream().map(FaultOutcome::scenario).toList(), table);
        for (FaultOutcome outcome : outcomes) {
            assertTrue(outcome.clean(), outcome.render() + "\n" + table);
            assertEquals(outcome.sent(), outcome.landed(), outcome.render());
        }
        FaultOutcome fuzz = outcomes.get(0);
        assertTrue(fuzz.faults() > 300 && fuzz.quarantined() > 100, fuzz.render());
        assertTrue(table.contains("records lost, ") && table.contains(" 0 records lost, 0 duplicated"), table);
    }
}
