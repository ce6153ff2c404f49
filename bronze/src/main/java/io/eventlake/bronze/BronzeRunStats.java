package io.eventlake.bronze;

/**
 * What one run of the bronze layer wrote.
 *
 * @param records     Kafka records written to bronze events by this run (a batch replayed after a restart was
 *                    written by the run before and is not counted again)
 * @param quarantined of those, records also written to quarantine
 */
public record BronzeRunStats(long records, long quarantined) {
    public long valid() {
        return records - quarantined;
    }
}
