package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.config.ConfigSection;
import java.util.List;

/**
 * What a program adds to the production commands of {@link LakeCommand}: more picocli commands and the
 * configuration sections they read. {@code ./lake} runs the dev tools' extension (generate, kafka, demo, bench);
 * spark-submit runs {@link LakeCommand} with {@link #NONE}. An extension's command reaches the shared context
 * (settings, session, environment) through {@link CommandContext} and its root {@link LakeCommand}.
 *
 * @param commands       picocli command objects (instances of {@code @Command} classes), added as subcommands
 * @param configSections the sections those commands read; every load checks them and accepts their keys
 */
public record CliExtension(List<Object> commands, List<ConfigSection<?>> configSections) {
    /** The production CLI as it is. */
    public static final CliExtension NONE = new CliExtension(List.of(), List.of());

    public CliExtension {
        commands = List.copyOf(commands);
        configSections = List.copyOf(configSections);
    }
}
