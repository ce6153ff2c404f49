/**
 * Keeping the lake's tables over months: {@code lake maintain} (compaction and z-ordering as each table's spec
 * says, table properties for log and file retention, VACUUM), and pinned versions that VACUUM keeps readable.
 */
package io.eventlake.orchestration.maintain;
