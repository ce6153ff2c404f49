/**
 * The single production entry point of eventlake: the CLI and spark-submit main
 * ({@link io.eventlake.orchestration.cli}), configuration ({@link io.eventlake.orchestration.config}), the
 * SparkSession ({@link io.eventlake.orchestration.spark}), the lake lock ({@link io.eventlake.orchestration.guard})
 * and the record of runs ({@link io.eventlake.orchestration.runs}). The generator, demo and benchmarks live in the
 * devtools module, which builds on this one.
 */
package io.eventlake.orchestration;
