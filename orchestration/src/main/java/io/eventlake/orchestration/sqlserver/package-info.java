/**
 * The SQL endpoint for BI tools and JDBC/ODBC clients: Spark's Thrift server over the lake's tables by name,
 * read-only, with password authentication ({@link io.eventlake.orchestration.sqlserver.LakeSqlServer}); its settings
 * ({@link io.eventlake.orchestration.sqlserver.SqlServerSettings}) and its background process
 * ({@link io.eventlake.orchestration.sqlserver.SqlServerProcess}).
 */
package io.eventlake.orchestration.sqlserver;
