/**
 * Validation of raw Kafka record values against the event contracts, as a pure function
 * ({@link io.eventlake.contracts.validate.EventValidator}) that yields the envelope fields it could parse and
 * machine-readable {@link io.eventlake.contracts.validate.Reason}s for everything it could not.
 */
package io.eventlake.contracts.validate;
