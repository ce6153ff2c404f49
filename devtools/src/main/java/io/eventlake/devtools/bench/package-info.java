/**
 * Benchmarks of {@code ./lake bench}: each prints a ratio against a baseline measured in the same run, on the same
 * data, on the same machine ({@link io.eventlake.devtools.bench.BronzeBenchmark}).
 */
package io.eventlake.devtools.bench;
