/**
 * Kafka plumbing for bronze's neighbours: a real single-node KRaft broker run as its own process from Maven jars
 * ({@link io.eventlake.bronze.kafka.LocalKafkaBroker}, used by {@code ./lake kafka}, the demo and the tests) and
 * topic administration ({@link io.eventlake.bronze.kafka.KafkaTopics}).
 */
package io.eventlake.bronze.kafka;
