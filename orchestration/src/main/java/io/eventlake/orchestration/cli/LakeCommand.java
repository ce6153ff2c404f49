package io.eventlake.orchestration.cli;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.guard.LakeLock;
import io.eventlake.orchestration.spark.SparkSessions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lake}: the single entry point of eventlake, for {@code ./lake} and for
 * {@code spark-submit --class io.eventlake.orchestration.cli.LakeCommand <jar> <command>}.
 *
 * <p>Exit status: 0 success; 1 a failure of the environment (broker down, stream failed); 2 bad input (arguments,
 * configuration, contracts). Errors print one message saying what, why and how to fix it.
 */
@Command(name = "lake", mixinStandardHelpOptions = true, version = "eventlake 0.1.0",
        description = "eventlake: business events from Kafka into a medallion of Delta tables.",
        subcommands = {BronzeCommand.class, SilverCommand.class, GoldCommand.class, FeaturesCommand.class,
                PipelineCommand.class, BackfillCommand.class, HistoryCommand.class, ShowCommand.class, RollbackCommand.class,
                LineageCommand.class, SqlCommand.class, SqlServerCommand.class, ReconcileInventoryCommand.class,
                MaintainCommand.class, PinCommand.class, UnpinCommand.class, PinsCommand.class, StatusCommand.class,
                CatalogCommand.class})
public final class LakeCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    private final Function<LakeSettings, SparkSession> sessions;
    private final Map<String, String> environment;
    private final String commandLine;
    private final CliExtension extension;
    private LakeLock lock;

    /**
     * @param sessions    builds the SparkSession from the settings (once per run)
     * @param environment the process environment (secrets such as the personal-data key come from here)
     * @param extension   what a program adds to the production commands ({@link CliExtension#NONE} for none)
     */
    public LakeCommand(Function<LakeSettings, SparkSession> sessions, Map<String, String> environment,
                       String commandLine, CliExtension extension) {
        this.sessions = sessions;
        this.environment = Map.copyOf(environment);
        this.commandLine = commandLine;
        this.extension = extension;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(SparkSessions::create, out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs a command line in this process's environment and returns its exit status; never exits the JVM. */
    public static int execute(Function<LakeSettings, SparkSession> sessions, PrintWriter out, PrintWriter err,
                              String... args) {
        return execute(sessions, System.getenv(), out, err, args);
    }

    /** Runs a command line in {@code environment} and returns its exit status; never exits the JVM. */
    public static int execute(Function<LakeSettings, SparkSession> sessions, Map<String, String> environment,
                              PrintWriter out, PrintWriter err, String... args) {
        return execute(sessions, environment, CliExtension.NONE, out, err, args);
    }

    /**
     * Runs a command line of the production commands plus {@code extension}'s in {@code environment} and returns
     * its exit status; never exits the JVM.
     */
    public static int execute(Function<LakeSettings, SparkSession> sessions, Map<String, String> environment,
                              CliExtension extension, PrintWriter out, PrintWriter err, String... args) {
        LakeCommand command = new LakeCommand(sessions, environment, "lake " + String.join(" ", args), extension);
        CommandLine cli = new CommandLine(command);
        extension.commands().forEach(cli::addSubcommand);
        cli.addSubcommand("help", new CommandLine.HelpCommand()); // listed last, after an extension's commands
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(LakeCommand::exitCode);
        cli.setParameterExceptionHandler(LakeCommand::badArguments);
        cli.setExecutionExceptionHandler((error, commandLine, parsed) -> command.report(error, commandLine.getErr()));
        try {
            return cli.execute(args);
        } catch (VirtualMachineError error) {
            throw error;
        } catch (Error error) {
            // picocli hands on Errors; Hadoop's FSError (a local write that ran out of space) is one of them
            return command.report(error, err);
        } finally {
            command.releaseLake();
        }
    }

    /**
     * Prints a command's failure as one {@code error:} line (a stack trace only for what is not a
     * {@link LakeException}) and returns its exit status. A failure of the environment on a lake whose file system
     * has since become full or read-only is reported as that ({@link LakeLock#diagnose}), whatever layer it surfaced
     * in; bad input stays what it is.
     */
    private int report(Throwable failure, PrintWriter err) {
        boolean badInput = failure instanceof LakeException lake && lake.code().kind() == ErrorCode.Kind.USER;
        Throwable error = lock == null || badInput ? failure
                : lock.diagnose(failure).<Throwable>map(e -> e).orElse(failure);
        if (error instanceof LakeException lake) {
            err.println("error: " + lake.getMessage());
        } else {
            err.println("error: " + error);
            error.printStackTrace(err);
        }
        err.flush();
        return exitCode(error);
    }

    /**
     * Wrong arguments: what picocli found, the command's usage, and a command line to type. Options of one
     * exclusive group given together (e.g. {@code rollback <table> --to-version N --run X}) say so plainly.
     */
    private static int badArguments(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        String what = error instanceof CommandLine.MaxValuesExceededException
                || error instanceof CommandLine.MutuallyExclusiveArgsException
                ? "options that exclude each other were given together (" + error.getMessage() + ")"
                : error.getMessage();
        String name = command.getCommandSpec().qualifiedName(" ").replaceFirst("^lake", "./lake");
        err.println("error: " + what + ".");
        err.print("Usage: " + command.getHelp().synopsis(0).replaceFirst("^lake", "./lake"));
        err.println("Fix: run it as the usage shows, with one form only; " + name + " --help explains each option.");
        err.flush();
        return BAD_INPUT;
    }

    private static int exitCode(Throwable error) {
        if (error instanceof LakeException lake) {
            return lake.code().kind() == ErrorCode.Kind.USER ? BAD_INPUT : FAILED;
        }
        return error instanceof CommandLine.ParameterException ? BAD_INPUT : FAILED;
    }

    /**
     * The session for the lake of {@code settings}, after checking the lake root and locking the tables this
     * command writes ({@link LakeLock}: a second writer of one of them, a read-only or full file system fail here,
     * within a second, before any Spark starts).
     *
     * @param writes the names of the tables the command writes (none for a reader)
     */
    public SparkSession session(LakeSettings settings, java.util.Collection<String> writes) {
        lake(settings).write(writes);
        SparkSession spark = sessions.apply(settings);
        io.eventlake.orchestration.guard.ObjectStoreProbe.check(spark, settings.lakeRoot());
        return spark;
    }

    /** The lake root of {@code settings} as this command holds it: checked on first use, with its table locks. */
    public LakeLock lake(LakeSettings settings) {
        if (lock == null) {
            lock = LakeLock.open(settings.lakeRoot(), commandLine, settings.minFreeSpace());
        }
        return lock;
    }

    private void releaseLake() {
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    /** The environment the command runs in (secrets such as the personal-data key come from here). */
    public Map<String, String> environment() {
        return environment;
    }

    /** How this run builds its SparkSession (commands that run several lakes, like the demo, pass it on). */
    public Function<LakeSettings, SparkSession> sessions() {
        return sessions;
    }

    /** The configuration sections read and checked with every load: the SQL endpoint's, and the extension's. */
    public java.util.List<io.eventlake.orchestration.config.ConfigSection<?>> configSections() {
        java.util.List<io.eventlake.orchestration.config.ConfigSection<?>> sections =
                new java.util.ArrayList<>(extension.configSections());
        sections.add(io.eventlake.orchestration.sqlserver.SqlServerSettings.SECTION);
        sections.add(io.eventlake.orchestration.catalog.CatalogSettings.SECTION);
        return sections;
    }
}
