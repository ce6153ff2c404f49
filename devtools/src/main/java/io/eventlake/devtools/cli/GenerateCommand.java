package io.eventlake.devtools.cli;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.orchestration.cli.CommandContext;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.cli.Options;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.GenerationReport;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lake generate}: realistic retail events with injected faults, to Kafka. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Send realistic retail events (with duplicates, late, out-of-order, malformed, missing-field,"
                + " wrong-type, unknown-type, unknown-version and version-2 events) to Kafka; print counts per kind.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Option(names = "--count", paramLabel = "N", description = "Events to send (default: eventlake.generator.count).")
    private Long count;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Events per second; 0 = as fast as possible.")
    private Double rate;

    @Option(names = "--seed", paramLabel = "SEED", description = "Same seed, same events.")
    private Long seed;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Default: the first of eventlake.kafka.topics.")
    private String topic;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        GeneratorSettings generator = context.section(DevSettings.SECTION).generator();
        if (count != null) {
            generator = generator.withCount(Options.positive(spec, "--count", count));
        }
        if (rate != null) {
            generator = generator.withRate(Options.nonNegative(spec, "--rate", rate));
        }
        if (seed != null) {
            generator = generator.withSeed(seed);
        }
        String target = topic != null ? topic : settings.kafka().topics().get(0);
        GenerationReport report = new KafkaEventWriter(settings.kafka().bootstrapServers()).send(target,
                generator.partitions(), new EventGenerator(generator, ContractRegistry.load(settings.contractsLocation())),
                generator.rate());
        context.out().print(report.render());
        return LakeCommand.OK;
    }
}
