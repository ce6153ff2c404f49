/**
 * A run's metrics: Prometheus gauges and counters under the {@code eventlake_} namespace, served while the run
 * lasts, and every micro-batch appended to the run metrics table.
 */
package io.eventlake.orchestration.metrics;
