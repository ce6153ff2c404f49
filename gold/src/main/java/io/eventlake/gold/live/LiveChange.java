package io.eventlake.gold.live;

import java.time.Instant;

/**
 * One stock change of a position as the fast path sees it: the key that identifies it across copies of its event
 * ({@code m:<event id>} or {@code l:<event id>:<line>}, as {@link io.eventlake.gold.inventory.StockChanges}), the
 * units in (positive) or out, and when it occurred.
 */
public record LiveChange(String changeKey, long delta, Instant occurredAt) {
}
