package io.eventlake.orchestration.cli;

import io.eventlake.bronze.kafka.LocalKafkaBroker;
import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lake kafka start|stop|status}: the local single-node broker, data under {@code <lake-root>/_kafka}. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run a real single-node Kafka broker (KRaft) on 127.0.0.1, data under <lake-root>/_kafka.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
final class KafkaCommand {
    /** Exit status of {@code status} when no broker runs. */
    static final int NOT_RUNNING = 3;

    private static Path dataDir(LakeSettings settings) {
        if (!settings.isLocal()) {
            throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                    "a local folder: the local broker keeps its data under <lake-root>/_kafka");
        }
        return settings.localDir("_kafka");
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the broker and wait until ready.")
    static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ConfigOptions config;

        @Override
        public Integer call() {
            LakeSettings settings = config.load();
            LocalKafkaBroker broker = LocalKafkaBroker.start(settings.localKafka().broker(dataDir(settings)));
            spec.commandLine().getOut().printf("Kafka broker running (pid %d) on %s; log: %s%n", broker.pid(),
                    broker.bootstrapServers(), LocalKafkaBroker.log(settings.localKafka().broker(dataDir(settings))));
            return LakeCommand.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker (graceful, then forced).")
    static final class Stop implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ConfigOptions config;

        @Override
        public Integer call() {
            boolean stopped = LocalKafkaBroker.stop(dataDir(config.load()));
            spec.commandLine().getOut().println(stopped ? "Kafka broker stopped." : "No Kafka broker was running.");
            return LakeCommand.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the broker runs (exit 0) or not (exit 3).")
    static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private ConfigOptions config;

        @Override
        public Integer call() {
            LakeSettings settings = config.load();
            Optional<ProcessHandle> running = LocalKafkaBroker.running(dataDir(settings));
            if (running.isPresent()) {
                spec.commandLine().getOut().printf("Kafka broker running (pid %d) on 127.0.0.1:%d%n",
                        running.get().pid(), settings.localKafka().port());
                return LakeCommand.OK;
            }
            spec.commandLine().getOut().println("Kafka broker not running.");
            return NOT_RUNNING;
        }
    }
}
