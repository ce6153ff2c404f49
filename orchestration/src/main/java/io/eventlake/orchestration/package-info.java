/**
 * The single entry point of eventlake: the CLI and spark-submit main ({@link io.eventlake.orchestration.cli}),
 * configuration ({@link io.eventlake.orchestration.config}), the SparkSession
 * ({@link io.eventlake.orchestration.spark}), the event generator, the demo and the benchmarks.
 */
package io.eventlake.orchestration;
