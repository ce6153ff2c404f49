package io.eventlake.orchestration.cli;

import io.eventlake.stream.StreamMode;
import picocli.CommandLine.Option;

/** The run-mode option of the streaming commands. */
public final class RunModeOptions {
    @Option(names = "--available-now",
            description = "Process what the source holds now, then stop (what schedulers use). Default: continuous.")
    boolean availableNow;

    StreamMode mode() {
        return availableNow ? StreamMode.AVAILABLE_NOW : StreamMode.CONTINUOUS;
    }
}
