/**
 * The single production entry point of eventlake: the CLI and spark-submit main
 * ({@link io.eventlake.orchestration.cli}), configuration ({@link io.eventlake.orchestration.config}), the
 * SparkSession ({@link io.eventlake.orchestration.spark}), the table locks ({@link io.eventlake.orchestration.guard})
 * the record of runs ({@link io.eventlake.orchestration.runs}), read-only SQL ({@link io.eventlake.orchestration.sql})
 * and the SQL endpoint ({@link io.eventlake.orchestration.sqlserver}). The generator, demo and benchmarks live in the
 * devtools module, which builds on this one.
 */
package io.eventlake.orchestration;
