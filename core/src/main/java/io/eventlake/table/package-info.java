/**
 * Delta tables as eventlake writes them: where a table lives ({@link io.eventlake.table.TableLocation}),
 * how it is created and registered in the catalog, and how a streaming micro-batch is appended to it exactly
 * once ({@link io.eventlake.table.DeltaTables}).
 */
package io.eventlake.table;
