package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.guard.LakeLock;
import io.eventlake.gold.GoldLayer;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lake gold}: refresh the gold tables from silver (a batch run, as a scheduler runs it). */
@Command(name = "gold", mixinStandardHelpOptions = true,
        description = "Refresh the gold tables (daily_store_sales, customer_features) from silver's changes since "
                + "the last refresh, then bring inventory_positions up to date, raising low-stock alerts.")
final class GoldCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Mixin
    private RunIdOption runId;

    @Option(names = "--full", description = "Recompute every slice instead of the changed ones.")
    private boolean full;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        SparkSession spark = context.session(GoldLayer.GUARDED);
        // A continuous pipeline keeps the operational path current: leave it to that run rather than fail.
        Optional<LakeLock.Refused> inventoryWriter = context.tryWrite(GoldLayer.OPERATIONAL);
        PrintWriter out = context.out();
        context.run(spark, "gold", "batch", runId.id(), run -> {
            GoldLayer gold = settings.goldLayer();
            GoldLayer.Refreshed refreshed = gold.refresh(spark, full);
            refreshed.results().forEach(out::println);
            out.println(inventoryWriter.map(GoldCommand::leftToWriter)
                    .orElseGet(() -> refreshInventory(spark, settings, gold)));
            out.printf("run %s%n", run.id());
            out.flush();
            refreshed.throwIfFailed(); // after the operational path and the other tables did all they could
        });
        return LakeCommand.OK;
    }

    /** The line saying the inventory path was left to the run already writing it. */
    static String leftToWriter(LakeLock.Refused writer) {
        return String.format("%s: not refreshed here: %s is being written by %s, which keeps it current",
                InventoryPositionsJob.NAME, writer.table(), writer.holder());
    }

    /** Brings the inventory positions up to date (alerts to the configured topic); a line saying what it raised. */
    static String refreshInventory(SparkSession spark, LakeSettings settings, GoldLayer gold) {
        try (KafkaAlertSink sink = new KafkaAlertSink(settings.inventory())) {
            long raised = gold.refreshInventory(spark, sink);
            return String.format("%s: %d low-stock alerts raised (table %s, topic %s on %s)",
                    InventoryPositionsJob.NAME, raised, settings.gold().tables().inventoryAlerts().name(),
                    settings.inventory().alertsTopic(), settings.inventory().bootstrapServers());
        }
    }
}
