/**
 * Quality gates: rules described as immutable values ({@link io.eventlake.quality.Gate},
 * {@link io.eventlake.quality.Rule}, {@link io.eventlake.quality.Constraint}), verified by Deequ in one pass
 * ({@link io.eventlake.quality.Gates}, the only code touching Deequ's Scala API), with a metrics history for
 * anomaly rules ({@link io.eventlake.quality.MetricsHistory}) and verdicts kept in {@code quality.gate_results}
 * ({@link io.eventlake.quality.QualityGates}: micro-batch checks and write-audit-publish of whole versions).
 */
package io.eventlake.quality;
