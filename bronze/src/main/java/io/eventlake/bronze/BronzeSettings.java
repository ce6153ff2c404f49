package io.eventlake.bronze;

import io.eventlake.table.TableLocation;
import java.time.Duration;

/**
 * Everything the bronze job needs, read once from configuration by the entry point.
 *
 * @param kafka           the source
 * @param events          the bronze events table
 * @param quarantine      the quarantine table
 * @param checkpoints     folder of the jobs' streaming checkpoints ({@code <checkpoints>/<job name>}): their
 *                        progress; keep it with the tables
 * @param triggerInterval how often a continuous run starts a micro-batch
 */
public record BronzeSettings(KafkaSourceSettings kafka, TableLocation events, TableLocation quarantine,
                             String checkpoints, Duration triggerInterval) {

    /** The checkpoint folder of one job. */
    public String checkpoint(String jobName) {
        return checkpoints + "/" + jobName;
    }
}
