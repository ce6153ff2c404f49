package io.eventlake.orchestration.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --run-id} option of the commands that record a run: a scheduler passes its own run's id (Airflow's
 * {@code {{ run_id }}}) so the lake's runs and the scheduler's join up.
 */
public final class RunIdOption {
    @Option(names = "--run-id", paramLabel = "ID",
            description = "The id to record this run under (e.g. the scheduler's run id); default: a new id.")
    String id;

    /** The id given, or null for a new one. */
    String id() {
        return id;
    }
}
