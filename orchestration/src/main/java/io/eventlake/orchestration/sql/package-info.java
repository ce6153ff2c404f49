/**
 * SQL over the lake for people and BI tools: the read-only check every statement passes
 * ({@link io.eventlake.orchestration.sql.ReadOnlySql}) and results as text
 * ({@link io.eventlake.orchestration.sql.QueryResult}).
 */
package io.eventlake.orchestration.sql;
