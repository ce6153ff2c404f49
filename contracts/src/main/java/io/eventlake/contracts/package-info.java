/**
 * Event contracts: Avro schemas under {@code conf/contracts/} (also packaged in the jar), one envelope and one
 * payload schema per event type and version. Loaded once at start-up by
 * {@link io.eventlake.contracts.ContractRegistry}, which refuses incompatible versions
 * ({@link io.eventlake.contracts.ContractCompatibility}) and derives Spark schemas from the Avro ones.
 */
package io.eventlake.contracts;
