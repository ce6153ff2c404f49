package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.maintain.Pins;
import io.eventlake.orchestration.maintain.PinsTable;
import io.eventlake.orchestration.runs.LakeTables;
import io.eventlake.table.TableLocation;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake unpin <table> --version N}: releases a pin; the next VACUUM past the retention deletes its files. */
@Command(name = "unpin", mixinStandardHelpOptions = true,
        description = "Release a pinned version: the next lake maintain may delete the files only it reads.")
final class UnpinCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<table>", description = "A lake table, e.g. gold.daily_store_sales.")
    private String table;

    @Option(names = "--version", required = true, description = "The pinned version (see ./lake pins).")
    private long version;

    @Option(names = "--reason", description = "Only the pin with this reason (default: every pin of the version, "
            + "e.g. of two training sets).")
    private String reason;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        SparkSession spark = context.session(List.of(PinsTable.SPEC));
        TableLocation location = LakeTables.existing(spark, settings, table);
        Pins pins = settings.pins();
        List<Pins.Pin> removed = pins.unpin(spark, location.name(), version, java.util.Optional.ofNullable(reason));
        if (removed.isEmpty()) {
            List<Pins.Pin> pinned = pins.of(spark, location.name());
            throw LakeErrors.pinMissing(location.name(), version, pinned.isEmpty() ? "none" : pinned.stream()
                    .map(pin -> Long.toString(pin.version())).collect(Collectors.joining(", ")));
        }
        PrintWriter out = context.out();
        removed.forEach(pin -> out.printf("unpinned %s%n", pin.describe()));
        out.printf("the next lake maintain deletes the files only version %d of %s reads once they are older than "
                + "the retention (%d h)%n", version, location.name(), settings.maintenance().vacuumRetentionHours());
        out.flush();
        return LakeCommand.OK;
    }
}
