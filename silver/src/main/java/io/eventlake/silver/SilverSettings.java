package io.eventlake.silver;

import io.eventlake.table.LakeCatalog;
import io.eventlake.table.TableLocation;
import java.time.Duration;

/**
 * What the silver jobs need, read once by the entry point.
 *
 * @param bronzeEvents    the bronze events table silver reads (as a Delta stream)
 * @param catalog         the lake's tables (silver's, and any other a job reads)
 * @param checkpoints     folder of the jobs' checkpoints ({@code <checkpoints>/<job name>})
 * @param triggerInterval micro-batch interval of a continuous run
 * @param maxFilesPerTrigger most bronze files one micro-batch reads (bounds a batch after a backlog)
 */
public record SilverSettings(TableLocation bronzeEvents, LakeCatalog catalog, String checkpoints,
                             Duration triggerInterval, int maxFilesPerTrigger) {
    /** Delta's own default. */
    public static final int DEFAULT_MAX_FILES_PER_TRIGGER = 1000;

    public String checkpoint(String jobName) {
        return checkpoints + "/" + jobName;
    }

    /** The silver tables gold and the reconciliation read, by name. */
    public SilverTableLocations tables() {
        return SilverTableLocations.in(catalog);
    }

    /** The silver quarantine table. */
    public TableLocation quarantine() {
        return catalog.location(SilverQuarantineTable.SPEC);
    }
}
