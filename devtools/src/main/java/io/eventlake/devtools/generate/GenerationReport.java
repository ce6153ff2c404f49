package io.eventlake.devtools.generate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many events were sent per category, and so what bronze must hold.
 *
 * @param topic the topic written to
 * @param sent  events per category (every category present, zero where none)
 */
public record GenerationReport(String topic, Map<FaultKind, Long> sent) {
    public GenerationReport {
        EnumMap<FaultKind, Long> all = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            all.put(kind, sent.getOrDefault(kind, 0L));
        }
        sent = Collections.unmodifiableMap(all);
    }

    public long total() {
        return sent.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Events that must land as valid bronze rows. */
    public long expectedValid() {
        return sent.entrySet().stream().filter(e -> e.getKey().isValid()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Rows the quarantine must hold per reason code. */
    public Map<String, Long> expectedQuarantine() {
        Map<String, Long> expected = new TreeMap<>();
        sent.forEach((kind, count) -> {
            if (!kind.isValid()) {
                expected.merge(kind.reasonCode(), count, Long::sum);
            }
        });
        return expected;
    }

    /** A table of sent events per category. */
    public String render() {
        StringBuilder out = new StringBuilder("Sent to '" + topic + "':\n");
        sent.forEach((kind, count) -> out.append(String.format("  %-28s %8d%s%n", kind.configName(), count,
                kind.isValid() ? "" : "   -> quarantine: " + kind.reasonCode())));
        out.append(String.format("  %-28s %8d%n", "total", total()));
        return out.toString();
    }
}
