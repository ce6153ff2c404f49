package io.eventlake.devtools.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dev tools' section of the configuration, loaded as {@code ./lake} loads it (conf/devtools.conf). */
@Tag("unit")
class DevSettingsTest {
    private static final Path CONF = Path.of(System.getProperty("eventlake.root"), "conf");

    private static DevSettings load(String... overrides) {
        return LakeConfig.load(new ConfigSources(CONF, "local", null, List.of(overrides)), List.of(),
                DevSettings.SECTION);
    }

    @Test
    void theShippedDefaultsLoad() {
        DevSettings dev = load();

        assertEquals(9092, dev.localKafka().port());
        assertEquals(3000, dev.generator().count());
        assertEquals(0.02, dev.generator().faults().get(FaultKind.MALFORMED_JSON));
        assertTrue(dev.localKafka().classpathFile().isAbsolute());
    }

    @Test
    void theLakeSettingsOfTheSameSourcesAcceptTheDevToolsKeysAndStillRefuseTypos() {
        ConfigSources sources = new ConfigSources(CONF, "local", null, List.of("generator.count=10"));
        assertEquals("127.0.0.1:9092",
                LakeConfig.load(sources, List.of(DevSettings.SECTION)).kafka().bootstrapServers());

        LakeException typo = assertThrows(LakeException.class, () -> load("generator.cuont=10"));
        assertEquals(ErrorCode.CONFIG_UNKNOWN, typo.code());
        assertTrue(typo.getMessage().contains("did you mean 'eventlake.generator.count'"), typo.getMessage());
    }

    @Test
    void anInvalidDevToolSettingIsNamedWithAFixThatLoads() {
        java.util.regex.Pattern suggested = java.util.regex.Pattern.compile("--set '((?:[^']|'\\\\'')*)'\\.$");
        for (String override : List.of("local-kafka.port=70000", "generator.faults.malformed-json=2",
                "generator.faults.duplicate=0.99", "generator.count=0")) {
            LakeException error = assertThrows(LakeException.class, () -> load(override), override);
            assertEquals(ErrorCode.CONFIG_INVALID, error.code(), override + ": " + error.getMessage());
            String key = "eventlake." + override.substring(0, override.indexOf('='));
            assertTrue(error.getMessage().contains("'" + key + "'"), error.getMessage());
            java.util.regex.Matcher fix = suggested.matcher(error.getMessage());
            assertTrue(fix.find(), override + ": " + error.getMessage());
            String typed = fix.group(1).replace("'\\''", "'");
            assertTrue(load(typed, override).generator().count() > 0, override + " fixed by " + typed);
        }
    }
}
