package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.status.LakeStatusReader;
import io.eventlake.orchestration.status.StatusReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lake status}: {@link StatusReport} of the lake now. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "One screen of the lake: each table's version, age and how far behind the newest event it "
                + "is (STALE past eventlake.status.stale-after), bronze's Kafka lag per partition, the last run of "
                + "each job, quarantine counts by reason.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Override
    public Integer call() {
        PrintWriter out = context.out();
        out.print(StatusReport.render(LakeStatusReader.read(context.session(), context.settings(), Instant.now())));
        out.flush();
        return LakeCommand.OK;
    }
}
