package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.ConfigSection;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.guard.LakeLock;
import io.eventlake.orchestration.metrics.LakeMetrics;
import io.eventlake.orchestration.metrics.RunMetrics;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.stream.StreamMode;
import io.eventlake.table.TableSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that works on a lake shares (a picocli mixin: {@code @Mixin CommandContext context}): the
 * configuration options, the settings loaded from them once (with the configuration sections of the running CLI,
 * {@link CliExtension}), the lake's SparkSession with the tables the command writes locked, and the command's output.
 */
public final class CommandContext {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;
    private LakeSettings settings;

    @Option(names = "--env", paramLabel = "NAME", defaultValue = "${env:EVENTLAKE_ENV}",
            description = "Apply conf/env/NAME.conf (e.g. local). Default: $EVENTLAKE_ENV, else none.")
    String env;

    @Option(names = "--conf-file", paramLabel = "FILE", description = "A HOCON file layered over the defaults.")
    Path confFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one setting, e.g. --set eventlake.kafka.max-offsets-per-trigger=1000 "
                    + "(the 'eventlake.' prefix may be left out). Repeatable; wins over files.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--conf-dir", paramLabel = "DIR", defaultValue = "${env:EVENTLAKE_CONF_DIR}", hidden = true,
            description = "Read application.conf and env/ from DIR instead of the jar (the launcher sets it).")
    Path confDir;

    /** The options as arguments, for a child process that must load the same settings. */
    public List<String> asArguments() {
        List<String> args = new ArrayList<>();
        if (confDir != null) {
            args.addAll(List.of("--conf-dir", confDir.toString()));
        }
        if (env != null && !env.isBlank()) {
            args.addAll(List.of("--env", env));
        }
        if (confFile != null) {
            args.addAll(List.of("--conf-file", confFile.toString()));
        }
        overrides.forEach(o -> args.addAll(List.of("--set", o)));
        return args;
    }

    /** The lake's settings from these options (and the CLI's sections, checked too), loaded on first use. */
    public LakeSettings settings() {
        if (settings == null) {
            settings = LakeConfig.load(sources(), sections());
        }
        return settings;
    }

    /** The settings of one section of the CLI's configuration, after every setting passed its checks. */
    public <T> T section(ConfigSection<T> section) {
        return LakeConfig.load(sources(), sections(), section);
    }

    /**
     * The SparkSession for the lake of {@link #settings()}, for a command that writes no lake table (it reads, or
     * writes elsewhere), after the lake root was checked ({@link LakeCommand#session}).
     */
    public SparkSession session() {
        return lake().session(settings(), List.of());
    }

    /**
     * The SparkSession for the lake of {@link #settings()}, after the lake root was checked and the tables of
     * {@code writes} were locked for this command: a second writer of any of them is refused naming the table and
     * the run writing it ({@link LakeCommand#session}).
     */
    public SparkSession session(Collection<TableSpec> writes) {
        return lake().session(settings(), names(writes));
    }

    /**
     * Locks the tables of {@code writes} for this command when no other run writes them; otherwise locks none and
     * says which table is held and by whom (a command leaving a table to the writer already running).
     */
    public Optional<LakeLock.Refused> tryWrite(Collection<TableSpec> writes) {
        return lake().lake(settings()).tryWrite(names(writes));
    }

    /** Locks the tables named {@code tables} (known only once the command has read the lake, e.g. a rollback's). */
    public void write(Collection<String> tables) {
        lake().lake(settings()).write(tables);
    }

    /**
     * Runs {@code body} as a recorded run of this command ({@link Run#execute}), its id (given, or made up) named
     * in the table locks the command holds.
     */
    public void run(SparkSession spark, String command, String mode, String id, Consumer<Run> body) {
        Run.execute(spark, settings(), command, mode, id, run -> {
            lake().lake(settings()).recordRun(run.id());
            try (RunMetrics metrics = RunMetrics.start(spark, settings(), run.id(),
                    StreamMode.CONTINUOUS.configName().equals(mode))) {
                this.metrics = metrics.metrics();
                body.accept(run);
            } finally {
                this.metrics = null;
            }
        });
    }

    /** The metrics of the run {@link #run} is running (to hand silver's counts to); null outside a run. */
    public LakeMetrics metrics() {
        return metrics;
    }

    private LakeMetrics metrics;

    private List<String> names(Collection<TableSpec> specs) {
        return specs.stream().map(spec -> settings().catalog().location(spec).name()).toList();
    }

    /**
     * The configuration folder in use: {@code --conf-dir} (the launcher sets it to the repository's {@code conf/}),
     * null when the configuration comes from the jar.
     */
    public Path confDir() {
        return confDir;
    }

    /** Where the command prints. */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** The running CLI: its environment and how it builds sessions. */
    public LakeCommand lake() {
        return (LakeCommand) mixee.root().userObject();
    }

    private ConfigSources sources() {
        return new ConfigSources(confDir, env == null || env.isBlank() ? null : env, confFile, overrides);
    }

    private List<ConfigSection<?>> sections() {
        return mixee != null && mixee.root().userObject() instanceof LakeCommand lake ? lake.configSections()
                : List.of();
    }
}
