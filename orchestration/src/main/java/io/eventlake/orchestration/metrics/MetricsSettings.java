package io.eventlake.orchestration.metrics;

import java.time.Duration;

/**
 * The metrics of a run ({@code eventlake.metrics}).
 *
 * @param port           the port of the Prometheus endpoint ({@code http://<host>:<port>/metrics}) while a run
 *                       lasts; 0 for none
 * @param host           the interface it listens on
 * @param sampleInterval how often a continuous run reads its tables' versions and freshness for the endpoint
 * @param flushInterval  how often a continuous run appends its micro-batches' metrics to the run metrics table
 */
public record MetricsSettings(int port, String host, Duration sampleInterval, Duration flushInterval) {
    public static final String PORT = "eventlake.metrics.port";
    public static final String HOST = "eventlake.metrics.host";
    public static final String SAMPLE_INTERVAL = "eventlake.metrics.sample-interval";
    public static final String FLUSH_INTERVAL = "eventlake.metrics.flush-interval";

    /** Whether a run serves its metrics. */
    public boolean serves() {
        return port > 0;
    }
}
