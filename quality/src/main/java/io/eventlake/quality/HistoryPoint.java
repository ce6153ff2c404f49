package io.eventlake.quality;

/**
 * Where a verification sits in its table's metrics history.
 *
 * @param history the history
 * @param point   grows with the table's history: the table version the verified data becomes (the effective
 *                version written on, plus one), so a batch retried after a block, or a refresh repeated after its
 *                audit was restored, gets the same point and its metrics replace the failed attempt's
 */
public record HistoryPoint(MetricsHistory history, long point) {
}
