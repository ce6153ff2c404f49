package io.eventlake.orchestration.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** {@link LakeStatus} as one screen of text: tables, Kafka lag, last runs, quarantine. Pure. */
public final class StatusReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private StatusReport() {
    }

    public static String render(LakeStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("Lake ").append(status.root()).append(" at ").append(TIME.format(status.at())).append(" UTC; ")
                .append("newest event ").append(status.newest().map(TIME::format).orElse("none yet"))
                .append("; stale when more than ").append(human(status.staleAfter())).append(" behind it\n\n");
        out.append(String.format("%-30s %8s  %-19s  %-10s  %-19s  %s%n", "table", "version", "committed", "age",
                "newest event", "behind"));
        long stale = 0;
        for (LakeStatus.TableStatus table : status.tables()) {
            if (table.version().isEmpty()) {
                out.append(String.format("%-30s %8s  not created yet%n", table.name(), "-"));
                continue;
            }
            Instant committed = table.committedAt().orElseThrow();
            out.append(String.format("%-30s %8d  %-19s  %-10s  %-19s  %s%n", table.name(), table.version().get(),
                    TIME.format(committed), human(Duration.between(committed, status.at())),
                    table.newestEvent().map(TIME::format).orElse("-"),
                    table.behind().map(b -> human(b) + (table.stale() ? "  STALE" : "")).orElse("-")));
            stale += table.stale() ? 1 : 0;
        }
        if (stale > 0) {
            out.append(stale).append(stale == 1 ? " table is" : " tables are").append(" STALE: more than ")
                    .append(human(status.staleAfter())).append(" behind the newest event (run the layers: ./lake ")
                    .append("pipeline --available-now, or see why their last runs failed below)\n");
        }
        out.append("\nKafka lag of bronze (end offset - committed offset)\n");
        if (status.lag().unknown().isPresent()) {
            out.append("  unknown: ").append(status.lag().unknown().get()).append('\n');
        } else {
            for (LakeStatus.PartitionLag p : status.lag().partitions()) {
                out.append(String.format("  %-28s committed %10d  end %10d  lag %8d%n", p.topic() + "/" + p.partition(),
                        p.committed(), p.end(), p.lag()));
            }
            out.append(String.format("  total lag %d records%n", status.lag().total()));
        }
        out.append("\nLast run of each job\n");
        if (status.runs().isEmpty()) {
            out.append("  none recorded yet\n");
        }
        for (LakeStatus.LastRun run : status.runs()) {
            out.append(String.format("  %-30s %-9s %-10s %s  %s%s%n", run.job(), run.status(), run.command(),
                    TIME.format(run.endedAt()), run.runId(), run.error().map(e -> "\n      " + firstLine(e))
                            .orElse("")));
        }
        out.append("\nQuarantine by reason\n");
        if (status.quarantine().isEmpty()) {
            out.append("  no quarantine table yet\n");
        }
        for (Map.Entry<String, Map<String, Long>> table : status.quarantine().entrySet()) {
            out.append("  ").append(table.getKey()).append(": ");
            out.append(table.getValue().isEmpty() ? "empty" : table.getValue().entrySet().stream()
                    .map(reason -> reason.getKey() + " " + reason.getValue())
                    .reduce((a, b) -> a + ", " + b).orElse("")).append('\n');
        }
        return out.toString();
    }

    /** {@code 45s}, {@code 12m 3s}, {@code 5h 2m}, {@code 3d 4h}. */
    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
