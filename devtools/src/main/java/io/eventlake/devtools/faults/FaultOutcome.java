package io.eventlake.devtools.faults;

import java.util.List;

/**
 * What one fault scenario did to the lake, counted by Kafka coordinates and table keys.
 *
 * @param scenario    what was injected
 * @param faults      how many faults (mutated records, kills, outages, refusals)
 * @param sent        records sent to Kafka
 * @param landed      distinct records in bronze.events
 * @param quarantined of those, records bronze quarantined
 * @param lost        records sent that no table holds (must be 0)
 * @param duplicated  extra copies: bronze rows beyond one per record, silver rows beyond one per key (must be 0)
 * @param problems    anything else that did not hold (a silver table not adding up, a wrong exit status)
 */
public record FaultOutcome(String scenario, long faults, long sent, long landed, long quarantined, long lost,
                           long duplicated, List<String> problems) {
    public FaultOutcome {
        problems = List.copyOf(problems);
    }

    /** Nothing lost, nothing twice, nothing else wrong. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && problems.isEmpty();
    }

    /** The table's header line. */
    public static String header() {
        return String.format("%-34s %7s %8s %8s %11s %6s %10s  %s", "scenario", "faults", "sent", "landed",
                "quarantined", "lost", "duplicated", "verdict");
    }

    /** One line of the table. */
    public String render() {
        return String.format("%-34s %7d %8d %8d %11d %6d %10d  %s", scenario, faults, sent, landed, quarantined, lost,
                duplicated, clean() ? "ok" : "FAILED: " + String.join("; ", problems));
    }
}
