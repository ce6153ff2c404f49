package io.eventlake.orchestration.cli;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.backfill.Backfill;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.silver.SilverLayer;
import io.eventlake.table.EventTimeRange;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake backfill}: rebuild silver and gold rows of an event-time range from bronze. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Rebuild the silver and gold rows of an event-time range from what bronze.events holds "
                + "(after a silver transform was fixed, a quality rule relaxed, or a gold definition changed): per "
                + "table, only the rows that differ are inserted, updated or deleted, in one MERGE. Nothing is "
                + "truncated, nothing is read from Kafka, a second run changes nothing, and it is safe while the "
                + "streaming pipeline runs.",
                "The range is event time (occurred_at, UTC), --from inclusive, --to exclusive; gold rebuilds the "
                        + "whole days the range touches. Recorded as a run (quality.runs) with its range."})
final class BackfillCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Mixin
    private CommandContext context;

    @Option(names = "--from", required = true, paramLabel = "DATE|INSTANT",
            description = "First event time rebuilt: a UTC date (2026-11-01) or an instant (2026-11-01T06:00:00Z).")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "DATE|INSTANT",
            description = "Event time the range ends before (exclusive), e.g. 2026-11-08 for a week from 2026-11-01.")
    private String to;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Only these tables (comma-separated), e.g. silver.orders,gold.daily_store_sales. "
                    + "Default: every silver table, then gold.daily_store_sales and gold.customer_features.")
    private List<String> tables = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print which tables, partitions and rows would change; write nothing.")
    private boolean dryRun;

    @Mixin
    private RunIdOption runId;

    @Override
    public Integer call() {
        EventTimeRange range = EventTimeRange.parse("--from", from, "--to", to);
        LakeSettings settings = context.settings();
        List<String> selected = Backfill.select(settings, tables);
        SilverLayer silver = SilverCommand.layer(settings, ContractRegistry.load(settings.contractsLocation()),
                lake.environment());
        PrintWriter out = context.out();
        if (dryRun) {
            SparkSession spark = context.session();
            new Backfill(spark, settings, silver, settings.goldLayer(), out).run(range, selected, true, null);
            return LakeCommand.OK;
        }
        // Silver is rebuilt beside its streams (MERGEs, conflicts retried); gold's refreshed tables are locked.
        SparkSession spark = context.session(Backfill.goldWrites(settings, selected));
        context.run(spark, "backfill", range.text(), runId.id(), run -> {
            new Backfill(spark, settings, silver, settings.goldLayer(), out).run(range, selected, false, run);
            out.printf("run %s%n", run.id());
            out.flush();
        });
        return LakeCommand.OK;
    }
}
