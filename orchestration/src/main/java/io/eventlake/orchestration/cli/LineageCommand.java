package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.Lineage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake lineage <table> --version N}: the runs and input versions behind a table version. */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Show which runs wrote a table version and what they read, back to Kafka topics and offsets.")
final class LineageCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<table>", description = "A lake table, e.g. gold.daily_store_sales.")
    private String table;

    @Option(names = "--version", required = true, paramLabel = "N", description = "The table version.")
    private long version;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        PrintWriter out = context.out();
        out.print(Lineage.render(Lineage.of(context.session(), settings, table, version)));
        out.flush();
        return LakeCommand.OK;
    }
}
