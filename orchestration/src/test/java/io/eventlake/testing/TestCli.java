package io.eventlake.testing;

import io.eventlake.orchestration.cli.CliExtension;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.silver.pii.PiiTokenizer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Test hook: runs a command line of the CLI in this JVM on the test's SparkSession ({@link TestSpark}) and
 * captures its exit status and output. Shared by the production CLI's tests and the dev tools'.
 */
public final class TestCli {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));

    /** A throw-away personal-data key, as an operator would set it. */
    public static final Map<String, String> WITH_KEY =
            Map.of(PiiTokenizer.KEY_VARIABLE, "cli-test-key-0123456789abcdef0123456789");

    private TestCli() {
    }

    /** What one command line did. */
    public record Run(int status, String out, String err) {
    }

    /** Runs {@code args} with the production commands plus {@code extension}'s, in {@code environment}. */
    public static Run run(CliExtension extension, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = LakeCommand.execute(settings -> TestSpark.session(), environment, extension,
                new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /**
     * The arguments with the repository's conf folder and the local environment; a run on its own lake root also
     * gets quality tables of its own (runs and gate results are registered by name in the catalog all tests share).
     */
    public static String[] local(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.stream().filter(a -> a.startsWith("lake-root=")).findFirst().ifPresent(root -> {
            String prefix = "t" + Integer.toHexString(root.hashCode());
            all.addAll(List.of("--set", "quality.runs-table=" + prefix + "_quality.runs",
                    "--set", "quality.gate-results-table=" + prefix + "_quality.gate_results",
                    "--set", "quality.pins-table=" + prefix + "_quality.pins",
                    "--set", "quality.run-metrics-table=" + prefix + "_quality.run_metrics"));
        });
        all.addAll(List.of("--conf-dir", ROOT.resolve("conf").toString(), "--env", "local"));
        return all.toArray(String[]::new);
    }

    /**
     * Options giving every table of a run names of its own (the test catalog is shared by all tests), with the
     * quality rules of conf/quality copied under the new names.
     */
    public static List<String> ownTables(String prefix) {
        List<String> options = new ArrayList<>(List.of("--set", "bronze.events-table=" + prefix + "_bronze.events",
                "--set", "bronze.quarantine-table=" + prefix + "_bronze.quarantine"));
        for (String table : List.of("orders", "order-lines", "payments", "returns", "inventory-movements",
                "customers", "customers-current", "quarantine")) {
            options.addAll(List.of("--set", "silver." + table + "-table=" + prefix + "_silver."
                    + table.replace('-', '_')));
        }
        for (String table : List.of("daily-store-sales", "customer-features", "inventory-positions",
                "inventory-alerts")) {
            options.addAll(List.of("--set", "gold." + table + "-table=" + prefix + "_gold." + table.replace('-', '_')));
        }
        Path rules = TestSpark.tempDir(prefix + "-rules");
        try (var files = Files.list(ROOT.resolve("conf/quality"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve(prefix + "_" + file.getFileName()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        options.addAll(List.of("--set", "quality.rules-dir=\"" + rules + "\""));
        return options;
    }
}
