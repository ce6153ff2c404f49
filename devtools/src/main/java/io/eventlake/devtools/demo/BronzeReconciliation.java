package io.eventlake.devtools.demo;

import static org.apache.spark.sql.functions.col;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.bronze.BronzeQuarantineTable;
import io.eventlake.bronze.BronzeSettings;
import io.eventlake.devtools.generate.GenerationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What was sent against what bronze holds: bronze rows = events sent (malformed included); quarantine rows per
 * reason = the faulty events sent of that kind; valid rows = the rest.
 *
 * @param sent             the generator's report
 * @param bronzeRows       rows in the bronze events table
 * @param validRows        of those, valid
 * @param quarantineRows   rows in the quarantine table, per reason code
 */
public record BronzeReconciliation(GenerationReport sent, long bronzeRows, long validRows,
                                   Map<String, Long> quarantineRows) {

    /** Reads both tables (one aggregation each) and pairs them with the report. */
    public static BronzeReconciliation of(SparkSession spark, BronzeSettings bronze, GenerationReport sent) {
        long total = 0;
        long valid = 0;
        for (Row row : spark.read().format("delta").load(bronze.events().path())
                .groupBy(BronzeEventsTable.IS_VALID).count().collectAsList()) {
            total += row.getLong(1);
            valid += row.getBoolean(0) ? row.getLong(1) : 0;
        }
        Map<String, Long> quarantine = new TreeMap<>();
        for (Row row : spark.read().format("delta").load(bronze.quarantine().path())
                .groupBy(col(BronzeQuarantineTable.REASON_CODE)).count().collectAsList()) {
            quarantine.put(row.getString(0), row.getLong(1));
        }
        return new BronzeReconciliation(sent, total, valid, quarantine);
    }

    public long quarantineTotal() {
        return quarantineRows.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every way the numbers fail to add up; empty when they reconcile. */
    public List<String> mismatches() {
        List<String> problems = new ArrayList<>();
        if (bronzeRows != sent.total()) {
            problems.add("bronze rows " + bronzeRows + " != events sent " + sent.total());
        }
        if (validRows != sent.expectedValid()) {
            problems.add("valid bronze rows " + validRows + " != valid events sent " + sent.expectedValid());
        }
        if (quarantineTotal() != bronzeRows - validRows) {
            problems.add("quarantine rows " + quarantineTotal() + " != invalid bronze rows " + (bronzeRows - validRows));
        }
        Map<String, Long> expected = sent.expectedQuarantine();
        for (String reason : union(expected, quarantineRows)) {
            long want = expected.getOrDefault(reason, 0L);
            long got = quarantineRows.getOrDefault(reason, 0L);
            if (want != got) {
                problems.add("quarantine '" + reason + "' rows " + got + " != sent " + want);
            }
        }
        return problems;
    }

    private static List<String> union(Map<String, Long> a, Map<String, Long> b) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return List.copyOf(keys);
    }

    /** A table: expected against actual, one line per figure. */
    public String render() {
        StringBuilder out = new StringBuilder("Reconciliation (sent -> landed):\n");
        out.append(line("bronze rows (all records)", sent.total(), bronzeRows));
        out.append(line("valid rows", sent.expectedValid(), validRows));
        out.append(line("quarantine rows", sent.total() - sent.expectedValid(), quarantineTotal()));
        Map<String, Long> expected = sent.expectedQuarantine();
        for (String reason : union(expected, quarantineRows)) {
            out.append(line("  reason " + reason, expected.getOrDefault(reason, 0L),
                    quarantineRows.getOrDefault(reason, 0L)));
        }
        out.append(mismatches().isEmpty() ? "Everything sent is accounted for.\n"
                : "MISMATCH: " + String.join("; ", mismatches()) + "\n");
        return out.toString();
    }

    private static String line(String label, long expected, long actual) {
        return String.format("  %-40s %8d -> %8d  %s%n", label, expected, actual, expected == actual ? "ok" : "MISMATCH");
    }
}
