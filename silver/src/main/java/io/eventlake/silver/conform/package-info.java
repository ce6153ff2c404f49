/**
 * Conformance: every version of an event's payload, parsed with the Spark schema derived from its own contract
 * and read as the newest version of that contract ({@link io.eventlake.silver.conform.Upcast}).
 */
package io.eventlake.silver.conform;
