package io.eventlake.devtools.cli;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.orchestration.cli.CommandContext;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.tools.kafka.LocalKafkaBroker;
import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lake kafka start|stop|status}: the local single-node broker, data under {@code <lake-root>/_kafka}. */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "Run a real single-node Kafka broker (KRaft) on 127.0.0.1, data under <lake-root>/_kafka.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
final class KafkaCommand {
    /** Exit status of {@code status} when no broker runs. */
    static final int NOT_RUNNING = 3;

    /** What the three subcommands share: settings, the broker's data folder, the output. */
    abstract static class BrokerCommand implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Override
        public final Integer call() {
            LakeSettings settings = context.settings();
            if (!settings.isLocal()) {
                throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(),
                        "a local folder: the local broker keeps its data under <lake-root>/_kafka", "lake-data");
            }
            return run(settings, context.section(DevSettings.SECTION).localKafka().broker(settings.localDir("_kafka")),
                    context.out());
        }

        abstract int run(LakeSettings settings, LocalKafkaBroker.Settings broker, PrintWriter out);
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the broker and wait until ready.")
    static final class Start extends BrokerCommand {
        @Override
        int run(LakeSettings settings, LocalKafkaBroker.Settings broker, PrintWriter out) {
            LocalKafkaBroker running = LocalKafkaBroker.start(broker);
            out.printf("Kafka broker running (pid %d) on %s; log: %s%n", running.pid(), running.bootstrapServers(),
                    LocalKafkaBroker.log(broker));
            return LakeCommand.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker (graceful, then forced).")
    static final class Stop extends BrokerCommand {
        @Override
        int run(LakeSettings settings, LocalKafkaBroker.Settings broker, PrintWriter out) {
            out.println(LocalKafkaBroker.stop(broker.dataDir()) ? "Kafka broker stopped." : "No Kafka broker was running.");
            return LakeCommand.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the broker runs (exit 0) or not (exit 3).")
    static final class Status extends BrokerCommand {
        @Override
        int run(LakeSettings settings, LocalKafkaBroker.Settings broker, PrintWriter out) {
            Optional<ProcessHandle> running = LocalKafkaBroker.running(broker.dataDir());
            if (running.isPresent()) {
                out.printf("Kafka broker running (pid %d) on 127.0.0.1:%d%n", running.get().pid(), broker.port());
                return LakeCommand.OK;
            }
            out.println("Kafka broker not running.");
            return NOT_RUNNING;
        }
    }
}
