package io.eventlake.devtools.cli;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.orchestration.cli.CliExtension;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The main of {@code ./lake}: the production commands of {@link LakeCommand} plus the dev tools' {@code generate},
 * {@code kafka}, {@code demo} and {@code bench}, which read {@link DevSettings} (defaults in
 * {@code conf/devtools.conf}). Exit statuses are {@link LakeCommand}'s. Only wires; never on spark-submit.
 */
public final class DevLakeCommand {
    private DevLakeCommand() {
    }

    /** The dev tools' commands and configuration section, new for each command line (picocli keeps state). */
    public static CliExtension extension() {
        return new CliExtension(List.of(new GenerateCommand(), new KafkaCommand(), new DemoCommand(),
                new BenchCommand()), List.of(DevSettings.SECTION));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(SparkSessions::create, System.getenv(), out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs a command line of {@code ./lake} in {@code environment} and returns its exit status; never exits. */
    public static int execute(Function<LakeSettings, SparkSession> sessions, Map<String, String> environment,
                              PrintWriter out, PrintWriter err, String... args) {
        return LakeCommand.execute(sessions, environment, extension(), out, err, args);
    }
}
