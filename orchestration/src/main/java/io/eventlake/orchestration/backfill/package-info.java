/**
 * Backfills: rebuilding silver and gold rows of an event-time range from what {@code bronze.events} holds
 * ({@link io.eventlake.orchestration.backfill.Backfill}), table by table in the order the data flows, each a
 * plan of the rows that differ applied in one MERGE: idempotent, and safe beside the streaming pipeline.
 */
package io.eventlake.orchestration.backfill;
