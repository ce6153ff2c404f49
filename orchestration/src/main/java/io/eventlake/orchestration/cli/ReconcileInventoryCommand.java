package io.eventlake.orchestration.cli;

import io.eventlake.gold.live.InventoryDrift;
import io.eventlake.gold.live.InventoryReconciliation;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lake reconcile-inventory}: the fast path's positions and alerts (its topics) against
 * {@code gold.inventory_positions} and {@code gold.inventory_alerts}. Prints each drifted key; exits 1 when any
 * drifted, 0 when the paths agree. Reads only.
 */
@Command(name = "reconcile-inventory", mixinStandardHelpOptions = true,
        description = "Compare the fast path (its positions and alerts topics) with gold.inventory_positions and "
                + "gold.inventory_alerts; print each key that drifted (exit 1), or that they agree (exit 0). Run it "
                + "when both paths have caught up: keys still in flight show as drift.")
final class ReconcileInventoryCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        InventoryDrift drift = new InventoryReconciliation(settings.inventory(), settings.live().positionsTopic(),
                settings.gold().tables().inventoryPositions(), settings.gold().tables().inventoryAlerts())
                .compare(context.session());
        PrintWriter out = context.out();
        if (drift.isEmpty()) {
            out.println("the fast path agrees with gold.inventory_positions and gold.inventory_alerts");
            out.flush();
            return LakeCommand.OK;
        }
        out.printf("%d position(s) and %d alert(s) drifted:%n", drift.positions().size(), drift.alerts().size());
        drift.describe().forEach(line -> out.println("  " + line));
        out.flush();
        return LakeCommand.FAILED;
    }
}
