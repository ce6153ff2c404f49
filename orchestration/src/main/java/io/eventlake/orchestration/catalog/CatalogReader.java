package io.eventlake.orchestration.catalog;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.to_date;

import io.eventlake.bronze.BronzeQuarantineTable;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.EventContract;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.RunInput;
import io.eventlake.orchestration.runs.RunsTable;
import io.eventlake.orchestration.runs.TableHistory;
import io.eventlake.orchestration.status.LakeStatus;
import io.eventlake.orchestration.status.LakeStatusReader;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableFiles;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Reads a {@link CatalogModel} from a lake: the specs and owners, each table's log (files, versions), the gate
 * results (rules, verdicts, metric series), the quarantine tables, the runs (lineage) and the status. Writes
 * nothing. Each of gate results, runs and the quarantine tables is read once.
 */
public final class CatalogReader {
    /** Versions listed per table page. */
    static final int VERSIONS = 15;
    /** Checks per rule on its chart (the newest). */
    static final int POINTS = 100;

    private CatalogReader() {
    }

    public static CatalogModel read(SparkSession spark, LakeSettings settings, CatalogSettings owners,
                                    ContractRegistry contracts, Instant now) {
        LakeStatus status = LakeStatusReader.read(spark, settings, now);
        List<Row> gates = newestChecks(spark, settings.qualityGates().results());
        List<Row> bronzeQuarantine = quarantinedPerDay(spark, settings.catalog().location(BronzeQuarantineTable.SPEC),
                false);
        List<Row> silverQuarantine = quarantinedPerDay(spark, settings.catalog().location(SilverQuarantineTable.SPEC),
                true);
        List<CatalogModel.TablePage> pages = new ArrayList<>();
        for (TableSpec spec : settings.catalog().specs()) {
            TableLocation table = settings.catalog().location(spec);
            boolean exists = DeltaTables.exists(spark, table);
            String layer = spec.setting().split("\\.")[1];
            List<CatalogModel.QuarantineCount> quarantine = new ArrayList<>();
            if (spec.equals(BronzeQuarantineTable.SPEC)) {
                bronzeQuarantine.forEach(r -> quarantine.add(count(r, r.getString(1))));
            } else if (spec.equals(SilverQuarantineTable.SPEC)) {
                silverQuarantine.forEach(r -> quarantine.add(count(r, r.getString(3) + " " + r.getString(1))));
            } else if ("silver".equals(layer)) {
                silverQuarantine.stream().filter(r -> table.name().equals(r.getString(3)))
                        .forEach(r -> quarantine.add(count(r, r.getString(1))));
            }
            pages.add(new CatalogModel.TablePage(spec, table, layer, owners.ownerOf(table.name()),
                    contracts(spec, layer, contracts), exists ? Optional.of(TableFiles.current(spark, table))
                    : Optional.empty(), exists ? TableHistory.of(spark, settings, table.name(), VERSIONS) : List.of(),
                    rules(gates, table.name()), metrics(gates, table.name()), quarantine));
        }
        return new CatalogModel(status, pages, lineage(spark, settings));
    }

    private static CatalogModel.QuarantineCount count(Row row, String reason) {
        return new CatalogModel.QuarantineCount(row.getDate(0).toLocalDate(), reason, row.getLong(2));
    }

    /** Bronze's event types are all the contracts'; a silver table's are its spec's; gold has none. */
    private static Map<String, List<Integer>> contracts(TableSpec spec, String layer, ContractRegistry registry) {
        List<String> types = "bronze".equals(layer) ? new ArrayList<>(new TreeSet<>(registry.eventTypes()))
                : spec.doc().eventTypes();
        Map<String, List<Integer>> versions = new LinkedHashMap<>();
        for (String type : types) {
            if (registry.knows(type)) {
                versions.put(type, registry.versions(type).stream().map(EventContract::version).toList());
            }
        }
        return versions;
    }

    /** The newest {@link #POINTS} checks of each rule of each table (a lake checks every batch, for months). */
    private static List<Row> newestChecks(SparkSession spark, TableLocation results) {
        if (!DeltaTables.exists(spark, results)) {
            return List.of();
        }
        return spark.read().format("delta").load(results.path())
                .withColumn("_n", row_number().over(Window.partitionBy(GateResultsTable.TABLE_NAME,
                        GateResultsTable.RULE).orderBy(col(GateResultsTable.CHECKED_AT).desc())))
                .where(col("_n").leq(POINTS)).drop("_n").collectAsList();
    }

    /** {@code day, reason, count[, target_table]} of a quarantine table, oldest day first. */
    private static List<Row> quarantinedPerDay(SparkSession spark, TableLocation table, boolean silver) {
        if (!DeltaTables.exists(spark, table)) {
            return List.of();
        }
        Dataset<Row> rows = spark.read().format("delta").load(table.path());
        Dataset<Row> counted = silver
                ? rows.select(to_date(col(SilverQuarantineTable.SOURCE + ".ingest_time")).as("day"),
                        explode(col(SilverQuarantineTable.REASONS)).as("reason"),
                        col(SilverQuarantineTable.TARGET_TABLE)).groupBy("day", "reason",
                        SilverQuarantineTable.TARGET_TABLE).count()
                        .select("day", "reason", "count", SilverQuarantineTable.TARGET_TABLE)
                : rows.select(to_date(col(BronzeQuarantineTable.INGEST_TIME)).as("day"),
                        col(BronzeQuarantineTable.REASON_CODE).as("reason")).groupBy("day", "reason").count();
        return counted.where(col("day").isNotNull()).orderBy("day", "reason").collectAsList();
    }

    /** Each rule of the table with its newest check. */
    private static List<CatalogModel.Rule> rules(List<Row> gates, String table) {
        Map<String, Row> newest = new java.util.TreeMap<>();
        for (Row row : gates) {
            if (!table.equals(row.getAs(GateResultsTable.TABLE_NAME))) {
                continue;
            }
            String rule = row.getAs(GateResultsTable.RULE);
            Row held = newest.get(rule);
            if (held == null || checkedAt(row).isAfter(checkedAt(held))) {
                newest.put(rule, row);
            }
        }
        List<CatalogModel.Rule> rules = new ArrayList<>();
        newest.forEach((rule, row) -> rules.add(new CatalogModel.Rule(rule, row.getAs(GateResultsTable.LEVEL),
                row.getAs(GateResultsTable.REQUIREMENT), row.getAs(GateResultsTable.METRIC),
                row.getAs(GateResultsTable.VALUE), row.getAs(GateResultsTable.VERDICT),
                row.getAs(GateResultsTable.TABLE_VERSION), checkedAt(row))));
        return rules;
    }

    /** Each rule's metric values, oldest first, the newest {@link #POINTS}. */
    private static Map<String, List<CatalogModel.Point>> metrics(List<Row> gates, String table) {
        Map<String, List<CatalogModel.Point>> series = new java.util.TreeMap<>();
        for (Row row : gates) {
            Double value = row.getAs(GateResultsTable.VALUE);
            if (table.equals(row.getAs(GateResultsTable.TABLE_NAME)) && value != null && !value.isNaN()) {
                series.computeIfAbsent(row.getAs(GateResultsTable.RULE), r -> new ArrayList<>())
                        .add(new CatalogModel.Point(checkedAt(row), value));
            }
        }
        series.replaceAll((rule, points) -> {
            List<CatalogModel.Point> sorted = new ArrayList<>(points);
            sorted.sort(java.util.Comparator.comparing(CatalogModel.Point::at));
            return sorted.subList(Math.max(0, sorted.size() - POINTS), sorted.size());
        });
        return series;
    }

    private static Instant checkedAt(Row row) {
        Timestamp at = row.getAs(GateResultsTable.CHECKED_AT);
        return at == null ? Instant.EPOCH : at.toInstant();
    }

    /** Every (input, output) pair the runs recorded: Kafka topics into bronze, tables into the tables after. */
    private static CatalogModel.Lineage lineage(SparkSession spark, LakeSettings settings) {
        Set<String> topics = new TreeSet<>();
        Set<CatalogModel.Edge> edges = new LinkedHashSet<>();
        if (!DeltaTables.exists(spark, settings.runs())) {
            return new CatalogModel.Lineage(topics, edges);
        }
        // one row per (input, kind, output) the runs recorded, however many runs there were
        List<Row> pairs = spark.read().format("delta").load(settings.runs().path())
                .select(explode(col(RunsTable.INPUTS)).as("i"), col(RunsTable.OUTPUTS))
                .select(col("i." + RunsTable.INPUT_SOURCE).as("source"), col("i." + RunsTable.INPUT_KIND).as("kind"),
                        explode(col(RunsTable.OUTPUTS)).as("o"))
                .select(col("source"), col("kind"), col("o." + RunsTable.OUTPUT_TABLE).as("table"))
                .distinct().collectAsList();
        for (Row pair : pairs) {
            String from = pair.getString(0);
            String to = pair.getString(2);
            if (RunInput.KAFKA.equals(pair.getString(1))) {
                topics.add(from);
                edges.add(new CatalogModel.Edge(CatalogModel.Lineage.topicNode(from), to));
            } else if (RunInput.TABLE.equals(pair.getString(1)) && !from.equals(to)) {
                edges.add(new CatalogModel.Edge(from, to));
            }
        }
        return new CatalogModel.Lineage(topics, edges);
    }
}
