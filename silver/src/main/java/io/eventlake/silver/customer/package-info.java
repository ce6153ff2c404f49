/**
 * Silver's customer tables from {@code customer_updated} events: history as SCD type 2
 * ({@link io.eventlake.silver.customer.SilverCustomersTable}) and the current profile as SCD type 1
 * ({@link io.eventlake.silver.customer.SilverCustomersCurrentTable}), both correct whatever order updates arrive in,
 * personal fields as keyed tokens.
 */
package io.eventlake.silver.customer;
