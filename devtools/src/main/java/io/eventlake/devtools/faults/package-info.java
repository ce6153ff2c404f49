/**
 * The fault suite ({@code ./lake bench faults}): real faults injected into a real lake (mutated events, kill -9 of
 * the running pipeline, the broker stopped mid-stream, a read-only or full file system, a second process), each
 * accounted for record by record. A development tool: nothing in production uses it.
 */
package io.eventlake.devtools.faults;
