/**
 * Bronze: every Kafka record, immutable, exactly once, in {@link io.eventlake.bronze.BronzeEventsTable}; the
 * records that fail the envelope or their contract also in {@link io.eventlake.bronze.BronzeQuarantineTable}
 * with machine-readable reasons. Written by {@link io.eventlake.bronze.BronzeEventsJob}.
 */
package io.eventlake.bronze;
