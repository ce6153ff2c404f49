package io.eventlake.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the packaged spark-submit jar holds: the production entry point and layers, and no dev tool (generator,
 * demo, benchmarks, local broker, their settings) nor any test class.
 */
@Tag("e2e")
class SparkJarIT {

    @Test
    void theSparkSubmitJarHoldsTheLakeAndNoDevTool() throws IOException {
        Path jar = Path.of(System.getProperty("eventlake.spark-jar"));
        assertTrue(Files.isRegularFile(jar), "the build packages " + jar);
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
        for (String shipped : List.of("io/eventlake/orchestration/cli/LakeCommand.class",
                "io/eventlake/bronze/BronzeEventsJob.class", "io/eventlake/quality/QualityGates.class",
                "io/eventlake/contracts/ContractRegistry.class", "io/eventlake/errors/LakeErrors.class",
                "eventlake-conf/application.conf", "eventlake-conf/sql-server.conf",
                "io/eventlake/orchestration/sql/ReadOnlySqlExtension.class")) {
            assertTrue(entries.contains(shipped), jar + " lacks " + shipped);
        }
        List<String> devTools = entries.stream().filter(name -> name.startsWith("io/eventlake/devtools/")
                || name.startsWith("io/eventlake/tools/") || name.startsWith("io/eventlake/testing/")
                || name.equals("eventlake-conf/devtools.conf") || (name.startsWith("kafka/") && name.endsWith(".class"))
                || name.endsWith("Test.class") || name.endsWith("IT.class")).toList();
        assertEquals(List.of(), devTools, "dev tools or tests in the spark-submit jar " + jar);
    }
}
