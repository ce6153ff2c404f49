package io.eventlake.orchestration.cli;

import io.eventlake.bronze.BronzeEventsJob;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.bronze.BronzeLayer;
import io.eventlake.stream.StreamMode;
import io.eventlake.bronze.BronzeRunStats;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lake bronze}: the bronze job, continuous or available-now. */
@Command(name = "bronze", mixinStandardHelpOptions = true,
        description = "Stream the configured Kafka topics into bronze.events and its invalid records into "
                + "bronze.quarantine, exactly once.")
final class BronzeCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Mixin
    private RunModeOptions runMode;

    @Mixin
    private RunIdOption runId;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        ContractRegistry contracts = ContractRegistry.load(settings.contractsLocation());
        PrintWriter out = context.out();
        SparkSession spark = context.session(BronzeLayer.TABLES);
        context.run(spark, "bronze", runMode.mode().configName(), runId.id(), recorded -> {
            String run = recorded.id();
            BronzeLayer bronze = new BronzeLayer(settings.bronze(), settings.validator(contracts), run,
                    Clock.systemUTC());
            if (runMode.mode() == StreamMode.AVAILABLE_NOW) {
                bronze.runAvailableNow(spark);
                BronzeRunStats stats = bronze.stats(spark);
                recorded.counts(BronzeEventsJob.NAME, 0, stats.quarantined());
                print(out, run, stats);
                return;
            }
            List<StreamingQuery> queries = bronze.startContinuous(spark);
            out.printf("bronze running (run %s, a batch every %d ms); stop with Ctrl-C%n", run,
                    settings.triggerInterval().toMillis());
            out.flush();
            ContinuousRun.run(queries, () -> bronze.awaitAny(queries), () -> {
                BronzeRunStats stats = bronze.stats(spark);
                recorded.counts(BronzeEventsJob.NAME, 0, stats.quarantined());
                print(out, run, stats);
                out.flush();
                recorded.finish();
            });
        });
        return LakeCommand.OK;
    }

    /** The one-line summary of a bronze run (also printed by {@code lake pipeline}). */
    static void print(PrintWriter out, String run, BronzeRunStats stats) {
        out.printf("bronze run %s: %d records (%d valid, %d quarantined)%n", run, stats.records(), stats.valid(),
                stats.quarantined());
    }
}
