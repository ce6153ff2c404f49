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
 * @param dedupWindow     how long de-duplication state is kept (by ingest time); later duplicates are absorbed by
 *                        the MERGE on the event id instead
 */
public record SilverSettings(TableLocation bronzeEvents, TableLocation quarantine, String checkpoints,
                             Duration triggerInterval, Duration dedupWindow) {

    public String checkpoint(String jobName) {
        return checkpoints + "/" + jobName;
    }
}
