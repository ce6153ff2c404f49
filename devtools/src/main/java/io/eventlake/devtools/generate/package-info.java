/**
 * The event generator of {@code ./lake generate}: realistic retail events, deterministic for a seed, with
 * injected faults of every kind bronze must account for ({@link io.eventlake.devtools.generate.FaultKind}),
 * and a per-category report that any run can be reconciled against.
 */
package io.eventlake.devtools.generate;
