package io.eventlake.orchestration.catalog;

import io.eventlake.orchestration.runs.TableHistory;
import io.eventlake.orchestration.status.LakeStatus;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the catalog's pages show, read once ({@link CatalogReader}) and rendered without Spark
 * ({@link CatalogHtml}).
 *
 * @param status  the lake's status (freshness, lag, last runs, quarantine)
 * @param tables  one page per table, in the layers' order
 * @param lineage the table-level lineage the runs recorded, from Kafka topics to gold
 */
public record CatalogModel(LakeStatus status, List<TablePage> tables, Lineage lineage) {
    public CatalogModel {
        tables = List.copyOf(tables);
    }

    /**
     * One table's page.
     *
     * @param spec       its spec (schema, layout, event time, doc)
     * @param location   its name and path
     * @param layer      bronze, silver, gold or quality (from the spec's setting)
     * @param owner      from {@code conf/owners.conf}
     * @param contracts  its event contracts with their versions (event type to versions)
     * @param files      its newest version's files; empty before it exists
     * @param versions   its newest versions with their runs and gate verdicts
     * @param rules      its quality rules, each with its latest verdict
     * @param metrics    each rule's metric values over time, by rule
     * @param quarantine records quarantined per day and reason (quarantine tables, and the silver tables whose
     *                   records silver quarantined)
     */
    public record TablePage(TableSpec spec, TableLocation location, String layer, String owner,
                            Map<String, List<Integer>> contracts, Optional<TableFiles> files,
                            List<TableHistory.Entry> versions, List<Rule> rules, Map<String, List<Point>> metrics,
                            List<QuarantineCount> quarantine) {
        public TablePage {
            contracts = Map.copyOf(contracts);
            versions = List.copyOf(versions);
            rules = List.copyOf(rules);
            metrics = Map.copyOf(metrics);
            quarantine = List.copyOf(quarantine);
        }

        /** The page's file name, e.g. {@code gold.daily_store_sales.html}. */
        public String file() {
            return location.name() + ".html";
        }
    }

    /**
     * A quality rule and its latest check.
     *
     * @param rule         its name
     * @param level        warn, quarantine or block
     * @param requirement  what it requires
     * @param metric       the metric it checks
     * @param value        the metric's latest value
     * @param verdict      the latest verdict (passed, failed, ...)
     * @param tableVersion the version it was checked on
     * @param checkedAt    when
     */
    public record Rule(String rule, String level, String requirement, String metric, Double value, String verdict,
                       Long tableVersion, Instant checkedAt) {
    }

    /** A metric's value at one check. */
    public record Point(Instant at, double value) {
    }

    /** Records quarantined on one day for one reason. */
    public record QuarantineCount(LocalDate day, String reason, long count) {
    }

    /**
     * The lineage between the lake's tables and its Kafka topics, from the inputs and outputs every run recorded.
     *
     * @param topics the Kafka topics read
     * @param edges  input (a table name, or {@code kafka:<topic>}) to the table written from it
     */
    public record Lineage(Set<String> topics, Set<Edge> edges) {
        public Lineage {
            topics = Set.copyOf(topics);
            edges = Set.copyOf(edges);
        }

        /** The name a Kafka topic has as a node. */
        public static String topicNode(String topic) {
            return "kafka:" + topic;
        }

        /** The nodes upstream of {@code node}, itself included. */
        public Set<String> upstreamOf(String node) {
            Set<String> found = new java.util.LinkedHashSet<>(List.of(node));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Edge edge : edges) {
                    if (found.contains(edge.to()) && found.add(edge.from())) {
                        grew = true;
                    }
                }
            }
            return found;
        }
    }

    /** One edge of the lineage: {@code to} was written from {@code from}. */
    public record Edge(String from, String to) {
    }
}
