package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.maintain.Pins;
import io.eventlake.orchestration.maintain.PinsTable;
import io.eventlake.orchestration.runs.LakeTables;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake pin <table> --version N --reason TEXT}: keeps a version readable through every VACUUM. */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pin a table version: lake maintain's VACUUM keeps every file it reads until ./lake unpin.")
final class PinCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<table>", description = "A lake table, e.g. gold.daily_store_sales.")
    private String table;

    @Option(names = "--version", required = true, description = "The version (see ./lake history <table>).")
    private long version;

    @Option(names = "--reason", required = true, description = "Why it must stay readable (shown by ./lake pins "
            + "and by maintain when it keeps the files).")
    private String reason;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        SparkSession spark = context.session(List.of(PinsTable.SPEC));
        TableLocation location = LakeTables.existing(spark, settings, table);
        LakeTables.checkVersion(spark, location, version);
        LakeTables.checkReadable(spark, location, version);
        settings.pins().pin(spark, List.of(Pins.now(spark, location.name(), version, reason, Pins.BY_USER)));
        PrintWriter out = context.out();
        out.printf("pinned version %d of %s (\"%s\"): lake maintain keeps every file it reads until ./lake unpin %s"
                + " --version %d%n", version, location.name(), reason, location.name(), version);
        out.flush();
        return LakeCommand.OK;
    }
}
