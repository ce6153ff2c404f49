/**
 * eventlake's dev tools, for a laptop and the tests, never in the spark-submit jar: the event generator
 * ({@link io.eventlake.devtools.generate}), the demo ({@link io.eventlake.devtools.demo}), the benchmarks
 * ({@link io.eventlake.devtools.bench}), the fault suite ({@link io.eventlake.devtools.faults}) and the
 * {@code ./lake} main that adds their commands to the production CLI ({@link io.eventlake.devtools.cli}).
 */
package io.eventlake.devtools;
