/**
 * SQL over the lake for people and BI tools: the read-only check every statement passes
 * ({@link io.eventlake.orchestration.sql.ReadOnlySql}), the session extension applying it to every statement of a
 * session ({@link io.eventlake.orchestration.sql.ReadOnlySqlExtension}) and results as text
 * ({@link io.eventlake.orchestration.sql.QueryResult}).
 */
package io.eventlake.orchestration.sql;
