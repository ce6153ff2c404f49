/**
 * A real single-node KRaft broker run as its own process from Maven jars
 * ({@link io.eventlake.tools.kafka.LocalKafkaBroker}): a dev tool, used by {@code ./lake kafka}, the demo, the
 * benchmarks and the tests; nothing in production depends on it.
 */
package io.eventlake.tools.kafka;
