/**
 * {@code lake status}: one screen per lake for the on-call engineer (tables' versions, ages and how far behind
 * the newest event they are; bronze's Kafka lag; the last run of each job; quarantine by reason).
 */
package io.eventlake.orchestration.status;
