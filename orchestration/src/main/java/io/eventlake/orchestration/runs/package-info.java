/**
 * Runs and versions: every command run recorded in the runs table ({@link io.eventlake.orchestration.runs.Run}),
 * table history with run ids and gate verdicts, rollback of a table or of a whole run, and lineage from a table
 * version back to Kafka offsets, and the reconciliation of each silver table against bronze
 * ({@link io.eventlake.orchestration.runs.SilverReconciliation}, which {@code lake silver} and the pipeline check).
 */
package io.eventlake.orchestration.runs;
