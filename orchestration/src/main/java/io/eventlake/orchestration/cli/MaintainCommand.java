package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.guard.LakeLock;
import io.eventlake.orchestration.maintain.Maintenance;
import io.eventlake.orchestration.maintain.PinsTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lake maintain [--tables ...] [--dry-run]}: {@link Maintenance} of each table in turn, each locked while it
 * is maintained (a table another run writes is skipped, naming the run, and the command exits 1).
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Compact (z-ordered as each table's spec says), set retention properties and VACUUM the "
                + "lake's tables, one at a time. Pinned versions (./lake pin) stay readable.")
final class MaintainCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;
    @Mixin
    private RunIdOption runId;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE",
            description = "Only these tables (default: every table the lake has).")
    private List<String> tables = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what would be compacted and vacuumed; change nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        List<TableSpec> specs = selected(settings);
        PrintWriter out = context.out();
        // the pins cannot change while VACUUM relies on them
        SparkSession spark = dryRun ? context.session() : context.session(List.of(PinsTable.SPEC));
        Maintenance maintenance = new Maintenance(settings.maintenance(), settings.pins());
        out.printf("%s %d %s: VACUUM retention %d h, log retention %d h, a checkpoint every %d commits%n",
                dryRun ? "Dry run, nothing changes:" : "Maintaining", specs.size(),
                specs.size() == 1 ? "table" : "tables", settings.maintenance().vacuumRetentionHours(),
                settings.maintenance().logRetention().toHours(), settings.maintenance().checkpointInterval());
        out.flush();
        List<String> skipped = new ArrayList<>();
        Runnable body = () -> {
            for (TableSpec spec : specs) {
                TableLocation table = settings.catalog().location(spec);
                if (!DeltaTables.exists(spark, table)) {
                    out.printf("  %s: not created yet, skipped%n", table.name());
                    out.flush();
                    continue;
                }
                Optional<LakeLock.Refused> refused = dryRun ? Optional.empty() : context.tryWrite(List.of(spec));
                if (refused.isPresent()) {
                    out.printf("  %s: skipped, run %s writes it; maintain it once that run ends%n", table.name(),
                            refused.get().holder());
                    skipped.add(table.name());
                    out.flush();
                    continue;
                }
                print(out, maintenance.maintain(spark, spec, table, dryRun));
            }
        };
        if (dryRun) {
            body.run();
        } else {
            context.run(spark, "maintain", "batch", runId.id(), run -> body.run());
        }
        if (!skipped.isEmpty()) {
            out.printf("%d tables skipped (written by another run): %s%n", skipped.size(), skipped);
            out.flush();
            return LakeCommand.FAILED;
        }
        return LakeCommand.OK;
    }

    private List<TableSpec> selected(LakeSettings settings) {
        if (tables.isEmpty()) {
            return settings.catalog().specs();
        }
        List<TableSpec> specs = new ArrayList<>();
        for (String name : tables) {
            specs.add(settings.catalog().spec(name.trim())
                    .orElseThrow(() -> LakeErrors.tableUnknown(name, settings.tableNames())));
        }
        return specs;
    }

    static void print(PrintWriter out, Maintenance.TableReport r) {
        StringBuilder line = new StringBuilder("  " + r.table() + ": ");
        if (r.compacted() == 0) {
            line.append(r.filesBefore()).append(" files (").append(size(r.bytesBefore())).append("), nothing to ")
                    .append("compact");
        } else if (r.dryRun()) {
            line.append(r.filesBefore()).append(" files (").append(size(r.bytesBefore())).append("), would compact ")
                    .append(r.compacted()).append(r.compacted() == 1 ? " partition" : " partitions");
        } else {
            line.append(r.filesBefore()).append(" -> ").append(r.filesAfter()).append(" files (")
                    .append(size(r.bytesBefore())).append(" -> ").append(size(r.bytesAfter())).append("), ")
                    .append(r.compacted()).append(r.compacted() == 1 ? " partition" : " partitions")
                    .append(" compacted");
        }
        if (r.compacted() > 0 && !r.zOrder().isEmpty()) {
            line.append(" z-ordered by ").append(String.join(", ", r.zOrder()));
        }
        line.append("; VACUUM ").append(r.dryRun() ? "would delete " : "deleted ").append(r.vacuumed())
                .append(" files (retention ").append(r.retentionHours()).append(" h)");
        line.append(String.format("; %.1f s", r.seconds()));
        out.println(line);
        for (Maintenance.Hold hold : r.holds()) {
            out.printf("    kept %d files that pinned %s reads: VACUUM refused to delete them (retention widened to "
                            + "%d h for this table); ./lake unpin %s --version %d releases them%n", hold.files(),
                    hold.pin().describe(), r.retentionHours(), r.table(), hold.pin().version());
        }
        if (!r.properties().isEmpty()) {
            out.printf("    %s %s%n", r.dryRun() ? "would set" : "set", r.properties().entrySet().stream()
                    .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(", ")));
        }
        out.flush();
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
