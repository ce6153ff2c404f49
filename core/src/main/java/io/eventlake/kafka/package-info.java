/**
 * Kafka administration against any broker ({@link io.eventlake.kafka.KafkaTopics}): creating topics and failing
 * fast, with a clear error, when the broker does not answer or a topic is missing.
 */
package io.eventlake.kafka;
