package io.eventlake.orchestration.cli;

import io.eventlake.bronze.BronzeEventsJob;
import io.eventlake.bronze.BronzeRunStats;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.bronze.validate.EventValidator;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake bronze}: the bronze job, continuous or available-now. */
@Command(name = "bronze", mixinStandardHelpOptions = true,
        description = "Stream the configured Kafka topics into bronze.events (+ bronze.quarantine), exactly once.")
final class BronzeCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Spec
    private CommandSpec spec;
    @Mixin
    private ConfigOptions config;

    @Option(names = "--available-now", description = "Drain what the topics hold now, then stop (for schedulers).")
    private boolean availableNow;

    @Option(names = "--run-id", paramLabel = "ID", description = "Recorded in every row written (default: a new id).")
    private String runId;

    @Override
    public Integer call() {
        LakeSettings settings = config.load();
        ContractRegistry contracts = ContractRegistry.load(settings.contractsLocation());
        String run = runId != null ? runId : "bronze-" + UUID.randomUUID();
        BronzeEventsJob job = new BronzeEventsJob(settings.bronze(), new EventValidator(contracts), run,
                Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        if (availableNow) {
            print(out, run, job.runAvailableNow(lake.session(settings)));
            return LakeCommand.OK;
        }
        StreamingQuery query = job.start(lake.session(settings), BronzeEventsJob.Mode.CONTINUOUS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(query), "bronze-shutdown"));
        out.printf("bronze running (run %s, a batch every %s); stop with Ctrl-C%n", run, settings.triggerInterval());
        job.awaitTermination(query);
        print(out, run, job.stats());
        return LakeCommand.OK;
    }

    private static void stop(StreamingQuery query) {
        try {
            query.stop();
        } catch (TimeoutException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(PrintWriter out, String run, BronzeRunStats stats) {
        out.printf("bronze run %s: %d records in %d batches (%d valid, %d quarantined)%n", run, stats.records(),
                stats.batches(), stats.valid(), stats.quarantined());
    }
}
