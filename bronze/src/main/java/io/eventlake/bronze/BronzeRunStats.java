package io.eventlake.bronze;

/**
 * What one run of the bronze job consumed.
 *
 * @param batches     micro-batches committed by this run
 * @param records     Kafka records written to bronze events
 * @param quarantined of those, records also written to quarantine
 */
public record BronzeRunStats(long batches, long records, long quarantined) {
    public long valid() {
        return records - quarantined;
    }
}
