package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.TableHistory;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake history <table>}: the table's versions with run, rows changed and gate verdict. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List a table's versions, newest first: time, operation, the run that wrote it, rows changed "
                + "and its quality gate verdict.")
final class HistoryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<table>", description = "A lake table, e.g. gold.daily_store_sales.")
    private String table;

    @Option(names = "--limit", defaultValue = "20", description = "How many versions (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        Options.positive(spec, "--limit", limit);
        PrintWriter out = context.out();
        out.print(TableHistory.render(TableHistory.of(context.session(), settings, table, limit)));
        out.flush();
        return LakeCommand.OK;
    }
}
