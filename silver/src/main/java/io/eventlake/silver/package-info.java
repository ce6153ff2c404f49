/**
 * Silver: typed, conformed, de-duplicated events and entity history, read incrementally from bronze.
 *
 * <p>{@link io.eventlake.silver.SilverLayer} runs one job per table: the fact jobs ({@link io.eventlake.silver.fact})
 * and the customer jobs ({@link io.eventlake.silver.customer}). Each stands on {@link io.eventlake.silver.SilverStream}
 * (a Delta stream of bronze, conformed by {@link io.eventlake.silver.conform}, personal fields tokenized by
 * {@link io.eventlake.silver.pii}, rejects to {@link io.eventlake.silver.SilverQuarantineTable}) and reports each
 * micro-batch to {@link io.eventlake.silver.SilverRunMetrics}.
 */
package io.eventlake.silver;
