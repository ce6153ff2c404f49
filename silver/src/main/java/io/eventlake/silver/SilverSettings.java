package io.eventlake.silver;

import io.eventlake.table.TableLocation;
import java.time.Duration;

/**
 * What the silver jobs need, read once by the entry point.
 *
 * @param bronzeEvents    the bronze events table silver reads (as a Delta stream)
 * @param quarantine      the silver quarantine table (records that pass bronze but fail conformance)
 * @param checkpoints     folder of the jobs' checkpoints ({@code <checkpoints>/<job name>})
 * @param triggerInterval micro-batch interval of a continuous run
 */
public record SilverSettings(TableLocation bronzeEvents, TableLocation quarantine, String checkpoints,
                             Duration triggerInterval) {

    public String checkpoint(String jobName) {
        return checkpoints + "/" + jobName;
    }
}
