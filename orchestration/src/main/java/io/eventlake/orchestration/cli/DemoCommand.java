package io.eventlake.orchestration.cli;

import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake demo}: the whole pipeline on embedded defaults, with a reconciliation. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a local broker, generate events with every fault kind, run bronze, reconcile, stop.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Mixin
    private ConfigOptions config;

    @Option(names = "--count", paramLabel = "N", description = "Events to generate (default: eventlake.generator.count).")
    private Long count;

    @Override
    public Integer call() {
        LakeSettings settings = config.load();
        long events = count != null ? Options.positive("--count", count) : settings.generator().count();
        new Demo(settings, ContractRegistry.load(settings.contractsLocation()), lake.sessions(), System.out)
                .run(events);
        return LakeCommand.OK;
    }
}
