package io.eventlake.orchestration.cli;

import io.eventlake.bronze.BronzeEventsJob;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.table.TableSpec;
import io.eventlake.bronze.BronzeLayer;
import io.eventlake.bronze.BronzeRunStats;
import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.gold.GoldLayer;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.gold.live.KafkaPositionSink;
import io.eventlake.gold.live.LiveInventoryJob;
import io.eventlake.gold.live.LiveSettings;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.silver.SilverLayer;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lake pipeline}: bronze, silver and the inventory path in one process (one SparkSession),
 * continuous or available-now. Continuous runs every query side by side: each layer picks up the one before on its
 * next trigger; the fast path ({@link LiveInventoryJob}, unless disabled) reads the topics itself and publishes
 * low-stock alerts within a micro-batch of the event, and the inventory stream publishes only those it missed. Available-now runs them
 * in order, then refreshes the gold batch tables.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Run the layers together: Kafka to bronze to every silver table to inventory positions and "
                + "low-stock alerts, continuous (until Ctrl-C), or --available-now (each drained in turn, then a "
                + "gold refresh).")
final class PipelineCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Mixin
    private CommandContext context;

    @Mixin
    private RunIdOption runId;
    @Mixin
    private RunModeOptions runMode;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        ContractRegistry contracts = ContractRegistry.load(settings.contractsLocation());
        // Without a personal-data key, refuse before anything starts.
        SilverLayer silver = SilverCommand.layer(settings, contracts, lake.environment());
        List<TableSpec> writes = new ArrayList<>(BronzeLayer.TABLES);
        writes.addAll(SilverLayer.TABLES);
        writes.addAll(GoldLayer.OPERATIONAL);
        if (runMode.mode() == StreamMode.AVAILABLE_NOW) {
            writes.addAll(GoldLayer.GUARDED); // it ends with a gold refresh
        }
        SparkSession spark = context.session(writes);
        PrintWriter out = context.out();
        context.run(spark, "pipeline", runMode.mode().configName(), runId.id(), recorded -> {
            context.metrics().observe(silver.metrics());
            run(spark, settings, contracts, silver, out, recorded);
        });
        return LakeCommand.OK;
    }

    private void run(SparkSession spark, LakeSettings settings, ContractRegistry contracts, SilverLayer silver,
                     PrintWriter out, Run recorded) {
        String run = recorded.id();
        BronzeLayer bronze = new BronzeLayer(settings.bronze(), settings.validator(contracts), run, Clock.systemUTC());
        java.util.function.Supplier<List<String>> summary = () -> {
            BronzeRunStats stats = bronze.stats(spark);
            recorded.counts(BronzeEventsJob.NAME, 0, stats.quarantined());
            SilverCommand.counts(recorded, silver.metrics());
            BronzeCommand.print(out, run, stats);
            return SilverCommand.print(out, spark, settings, silver.metrics());
        };
        if (runMode.mode() == StreamMode.AVAILABLE_NOW) {
            bronze.runAvailableNow(spark);
            silver.runAvailableNow(spark);
            List<String> mismatches = summary.get();
            GoldLayer gold = settings.goldLayer();
            GoldLayer.Refreshed refreshed = gold.refresh(spark, false);
            refreshed.results().forEach(out::println);
            out.println(GoldCommand.refreshInventory(spark, settings, gold));
            out.printf("run %s%n", run);
            out.flush();
            SilverCommand.requireReconciled(mismatches);
            refreshed.throwIfFailed();
            return;
        }
        LiveSettings live = settings.live();
        try (KafkaAlertSink alerts = new KafkaAlertSink(settings.inventory());
             KafkaAlertSink fastAlerts = new KafkaAlertSink(settings.inventory());
             KafkaPositionSink positions = new KafkaPositionSink(settings.inventory(), live.positionsTopic())) {
            List<StreamingQuery> queries = new ArrayList<>();
            try {
                if (live.enabled()) { // first: it publishes the alerts, the inventory stream only those it missed
                    queries.add(new LiveInventoryJob(live, settings.inventory(), settings.validator(contracts),
                            silver.context(), fastAlerts, positions).start(spark, StreamMode.CONTINUOUS));
                }
                queries.addAll(bronze.startContinuous(spark));
                queries.addAll(silver.startContinuous(spark));
                queries.add(settings.goldLayer().inventory(alerts).start(spark, StreamMode.CONTINUOUS));
            } catch (RuntimeException e) {
                Queries.stopAll(queries);
                throw e;
            }
            out.printf("pipeline running (run %s, %d queries); stop with Ctrl-C%n", run, queries.size());
            out.flush();
            ContinuousRun.run(queries, () -> Queries.awaitAny(queries, settings.silver()::checkpoint), () -> {
                summary.get();
                recorded.finish();
            });
        }
    }
}
