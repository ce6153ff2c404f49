package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.maintain.Pins;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lake pins [<table>]}: the pinned versions, by table. */
@Command(name = "pins", mixinStandardHelpOptions = true,
        description = "List the pinned versions (by ./lake pin and by training set builds), by table.")
final class PinsCommand implements Callable<Integer> {
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<table>", description = "Only this table's pins.")
    private String table;

    @Override
    public Integer call() {
        List<Pins.Pin> pins = context.settings().pins().all(context.session()).stream()
                .filter(pin -> table == null || pin.table().equals(table)).toList();
        PrintWriter out = context.out();
        if (pins.isEmpty()) {
            out.println(table == null ? "no pinned versions" : "no pinned versions of " + table);
        }
        for (Pins.Pin pin : pins) {
            out.printf("%s version %d: \"%s\" (%s, %s%s)%n", pin.table(), pin.version(), pin.reason(), pin.pinnedBy(),
                    pin.pinnedAt(), pin.runId() == null ? "" : ", run " + pin.runId());
        }
        out.flush();
        return LakeCommand.OK;
    }
}
