package io.eventlake.devtools.cli;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.orchestration.cli.CommandContext;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.cli.Options;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.catalog.CatalogSettings;
import io.eventlake.orchestration.sqlserver.SqlServerSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.demo.Demo;
import io.eventlake.silver.pii.PiiTokenizer;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake demo}: the whole pipeline on embedded defaults, with a reconciliation. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a local broker, generate events with every fault kind, run bronze and silver, "
                + "reconcile every table, refresh gold and raise low-stock alerts, stop.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Option(names = "--count", paramLabel = "N", description = "Events to generate (default: eventlake.generator.count).")
    private Long count;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        DevSettings dev = context.section(DevSettings.SECTION);
        long events = count != null ? Options.positive(spec, "--count", count) : dev.generator().count();
        PrintWriter out = context.out();
        Map<String, String> environment = lake.environment();
        if (!environment.containsKey(PiiTokenizer.KEY_VARIABLE)) {
            out.println("Personal fields are tokenized with a throw-away key (set " + PiiTokenizer.KEY_VARIABLE
                    + " to use your own).");
            environment = Map.of(PiiTokenizer.KEY_VARIABLE, throwAwayKey());
        }
        new Demo(settings, dev, context.section(SqlServerSettings.SECTION), context.section(CatalogSettings.SECTION),
                ContractRegistry.load(settings.contractsLocation()),
                PiiTokenizer.fromEnvironment(environment), lake.sessions(), out).run(events);
        return LakeCommand.OK;
    }

    private static String throwAwayKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
