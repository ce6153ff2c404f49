/**
 * Silver's fact tables, one per business fact (orders, order lines, payments, returns, inventory movements): each a
 * published table contract ({@code Silver*Table}) and the job writing it ({@code Silver*Job}), conformed and
 * de-duplicated by key with an insert-only MERGE ({@link io.eventlake.silver.fact.FactJob}).
 */
package io.eventlake.silver.fact;
