package io.eventlake.quality;

import java.util.List;

/**
 * The rules guarding writes to one table: described first, verified in one pass ({@link Gates#verify}).
 *
 * @param table the table the rules guard, e.g. {@code silver.payments}
 * @param rules its rules, names unique
 */
public record Gate(String table, List<Rule> rules) {
    public Gate {
        rules = List.copyOf(rules);
    }

    /** A gate with no rules: every write passes, nothing is measured. */
    public static Gate none(String table) {
        return new Gate(table, List.of());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The {@link Level#QUARANTINE} rules, each judged per row. */
    public List<Rule> quarantineRules() {
        return rules.stream().filter(r -> r.level() == Level.QUARANTINE).toList();
    }

    /** Whether a rule compares with history ({@link Constraint.Anomaly}). */
    public boolean watchesHistory() {
        return rules.stream().anyMatch(r -> r.constraint() instanceof Constraint.Anomaly);
    }
}
