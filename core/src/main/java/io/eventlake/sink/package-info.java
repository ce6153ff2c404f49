/**
 * Sinks for what jobs write besides Delta tables ({@link io.eventlake.sink.EventSink}): injected into a job by its
 * constructor, so a test or another deployment swaps the destination.
 */
package io.eventlake.sink;
