/**
 * {@code lake catalog}: static HTML pages of every table (layer, grain, keys, columns, owner, contract, files,
 * versions with their runs, freshness, quality rules with their latest verdicts and metric charts, quarantine over
 * time) and the lineage graph from Kafka topics to gold, read from the lake and written to a folder.
 */
package io.eventlake.orchestration.catalog;
