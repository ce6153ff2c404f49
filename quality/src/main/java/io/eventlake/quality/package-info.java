/**
 * Quality gates: rules described as immutable values ({@link io.eventlake.quality.Gate},
 * {@link io.eventlake.quality.Rule}, {@link io.eventlake.quality.Constraint}) and verified by Deequ in one pass
 * ({@link io.eventlake.quality.Gates}). Not yet wired between layers (issue 5).
 */
package io.eventlake.quality;
