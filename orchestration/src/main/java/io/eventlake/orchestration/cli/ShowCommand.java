package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.TableVersions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake show <table> --version N | --timestamp T}: rows of a past version (time travel). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print rows of a table as of a version or a time (Delta time travel).")
final class ShowCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<table>", description = "A lake table, e.g. gold.daily_store_sales.")
    private String table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private At at;

    static final class At {
        @Option(names = "--version", description = "The table version (see ./lake history <table>).")
        Long version;
        @Option(names = "--timestamp", description = "A time, e.g. 2026-11-21T10:00:00Z or '2026-11-21 10:00:00'.")
        String timestamp;
    }

    @Option(names = "--limit", defaultValue = "20", description = "How many rows (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        Options.positive(spec, "--limit", limit);
        if (at.version != null && at.version < 0) {
            throw LakeErrors.optionInvalid("--version", at.version, "a version number of 0 or more (./lake history "
                    + table + " lists them)", Options.retyped(spec, "--version", "0"));
        }
        PrintWriter out = context.out();
        out.print(TableVersions.show(context.session(), settings, table, at.version, at.timestamp, limit));
        out.flush();
        return LakeCommand.OK;
    }
}
