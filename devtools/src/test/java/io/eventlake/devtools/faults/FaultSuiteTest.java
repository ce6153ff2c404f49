package io.eventlake.devtools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.config.DevSettings;
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
import org.junit.jupiter.api.Tag;

/**
 * The fault suite at a small size, end to end: a real {@code lake pipeline} process killed with SIGKILL mid-stream and
 * restarted, a second process refused while it runs; nothing lost, nothing duplicated, bronze's quarantine holding
 * exactly the faulty events sent (per reason), every silver table adding up.
 * The other scenarios run in {@code ./lake bench faults} (minutes each); in this suite the fuzz corpus is
 * {@code LayersAgreeTest} and the read-only and full file systems are {@code LakeFaultsTest}.
 */
@Tag("e2e")
class FaultSuiteTest {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    @Test
    void everyInjectedFaultLosesAndDuplicatesNothing() {
        String kafkaClasspath = "local-kafka.classpath-file=\"" + System.getProperty("eventlake.kafka.classpath-file")
                + "\"";
        ConfigSources sources = new ConfigSources(ROOT.resolve("conf"), "local", null, List.of(
                "lake-root=\"" + TestSpark.tempDir("fault-suite") + "\"", kafkaClasspath));
        LakeSettings settings = LakeConfig.load(sources, List.of(DevSettings.SECTION));
        DevSettings dev = LakeConfig.load(sources, List.of(), DevSettings.SECTION);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FaultSuite suite = new FaultSuite(new FaultSuite.Settings(0, 600, 1,
                java.util.Set.of(FaultSuite.Scenario.KILL), 7), settings, dev,
                ContractRegistry.load(settings.contractsLocation()),
                List.of("--conf-dir", ROOT.resolve("conf").toString(), "--env", "local", "--set", kafkaClasspath),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<FaultOutcome> outcomes = suite.run(s -> TestSpark.session());

        String table = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of("kill -9 of the running pipeline", "second writer of one table"),
                outcomes.stream().map(FaultOutcome::scenario).toList(), table);
        for (FaultOutcome outcome : outcomes) {
            assertTrue(outcome.clean(), outcome.render() + "\n" + table);
            assertEquals(outcome.sent(), outcome.landed(), outcome.render());
        }
        assertTrue(outcomes.get(0).quarantined() > 0, "the generated events include faulty ones: " + table);
        assertTrue(table.contains("records lost, ") && table.contains(" 0 records lost, 0 duplicated"), table);
    }
}
