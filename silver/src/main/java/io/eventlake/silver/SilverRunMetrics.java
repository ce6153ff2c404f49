package io.eventlake.silver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The totals of one run's silver jobs, per job, as the micro-batches report them (thread-safe: each streaming
 * query reports from its own thread). Every batch is also logged.
 */
public final class SilverRunMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(SilverRunMetrics.class);

    private final Map<String, BatchMetrics> totals = new ConcurrentHashMap<>();

    public void record(String job, long batchId, BatchMetrics batch) {
        totals.merge(job, batch, BatchMetrics::plus);
        LOG.info("{} batch {}: {}", job, batchId, batch);
    }

    /** What the job did in this run so far; {@link BatchMetrics#NONE} when it saw no batch. */
    public BatchMetrics totals(String job) {
        return totals.getOrDefault(job, BatchMetrics.NONE);
    }

    /** Every job's totals, by job name. */
    public Map<String, BatchMetrics> all() {
        return new TreeMap<>(totals);
    }
}
