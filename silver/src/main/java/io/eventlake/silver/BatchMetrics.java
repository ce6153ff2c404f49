package io.eventlake.silver;

/**
 * What one micro-batch of a silver job did, in rows of its table.
 *
 * @param received    conforming rows the batch brought
 * @param duplicates  of those, rows whose key was already in the batch or in the table (dropped)
 * @param written     rows inserted or changed in the table
 * @param quarantined records sent to silver quarantine (failed conformance)
 */
public record BatchMetrics(long received, long duplicates, long written, long quarantined) {
    public static final BatchMetrics NONE = new BatchMetrics(0, 0, 0, 0);

    public BatchMetrics plus(BatchMetrics other) {
        return new BatchMetrics(received + other.received, duplicates + other.duplicates, written + other.written,
                quarantined + other.quarantined);
    }

    @Override
    public String toString() {
        return String.format("%d received, %d duplicates dropped, %d written, %d quarantined", received, duplicates,
                written, quarantined);
    }
}
