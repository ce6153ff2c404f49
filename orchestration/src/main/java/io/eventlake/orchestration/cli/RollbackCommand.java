package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.Rollback;
import io.eventlake.orchestration.runs.Run;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lake rollback}: restore one table to a version, or every table of a run to before it. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restore a table to an earlier version: rollback <table> --to-version N.",
                "Or undo a run: rollback --run <run-id> restores every table the run wrote to its version before the "
                        + "run; refused when later runs wrote the same tables, unless --cascade undoes those too.",
                "A rollback is itself a recorded run; the restores appear in ./lake history."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @ArgGroup(exclusive = false)
        OneTable table;
        @Option(names = "--run", paramLabel = "<run-id>", description = "Undo every write of this run.")
        String run;
    }

    static final class OneTable {
        @Parameters(index = "0", paramLabel = "<table>", description = "The table to restore.")
        String name;
        @Option(names = "--to-version", required = true, paramLabel = "N", description = "The version to restore.")
        long version;
    }

    @Option(names = "--cascade", description = "With --run: also undo the later runs that wrote the same tables.")
    private boolean cascade;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        if (target.table != null) {
            context.write(List.of(target.table.name)); // before Spark starts: a running writer fails it at once
        }
        SparkSession spark = context.session();
        PrintWriter out = context.out();
        context.run(spark, "rollback", "batch", null, run -> {
            List<Rollback.Restored> restored = target.run != null
                    ? Rollback.run(spark, settings, target.run, cascade, context::write)
                    : List.of(Rollback.toVersion(spark, settings, target.table.name, target.table.version));
            for (Rollback.Restored r : restored) {
                out.printf("restored %s to version %d (it was at version %d; the restore is version %d)%n", r.table(),
                        r.toVersion(), r.fromVersion(), r.newVersion());
                if (Rollback.isStreamed(settings, r.table())) {
                    out.printf("  note: %s is written by a streaming job whose checkpoint is past the versions "
                            + "undone; to write those records again, rerun its job from a fresh checkpoint "
                            + "(de-duplication keeps that safe)%n", r.table());
                }
            }
            out.printf("rollback run %s%n", run.id());
        });
        out.flush();
        return LakeCommand.OK;
    }
}
