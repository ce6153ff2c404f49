package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.ConfigSection;
import io.eventlake.orchestration.config.ConfigSources;
import io.eventlake.orchestration.config.LakeConfig;
import io.eventlake.orchestration.config.LakeSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The configuration options every command that needs settings takes (a picocli mixin), and the one place a command
 * loads its settings from them: with the configuration sections of the running CLI ({@link CliExtension}).
 */
public final class ConfigOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

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

    /** The lake's settings from these options (and the CLI's sections, checked too). */
    public LakeSettings load() {
        return LakeConfig.load(sources(), sections());
    }

    /** The settings of one section of the CLI's configuration, after every setting passed its checks. */
    public <T> T load(ConfigSection<T> section) {
        return LakeConfig.load(sources(), sections(), section);
    }

    private ConfigSources sources() {
        return new ConfigSources(confDir, env == null || env.isBlank() ? null : env, confFile, overrides);
    }

    private List<ConfigSection<?>> sections() {
        return mixee != null && mixee.root().userObject() instanceof LakeCommand lake ? lake.configSections()
                : List.of();
    }
}
