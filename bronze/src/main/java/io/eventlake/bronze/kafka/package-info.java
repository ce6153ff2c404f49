/**
 * A real single-node KRaft broker run as its own process from Maven jars
 * ({@link io.eventlake.bronze.kafka.LocalKafkaBroker}, used by {@code ./lake kafka}, the demo and the tests).
 */
package io.eventlake.bronze.kafka;
