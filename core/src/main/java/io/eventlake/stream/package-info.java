/**
 * Streaming helpers every layer's jobs share: how a run is bounded ({@link io.eventlake.stream.StreamMode}:
 * drain what is there, or run continuously) and waiting for, stopping and reporting streaming queries
 * ({@link io.eventlake.stream.Queries}: failures become {@code STREAM_FAILED} errors naming job and checkpoint).
 */
package io.eventlake.stream;
