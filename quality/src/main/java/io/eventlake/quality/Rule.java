package io.eventlake.quality;

/**
 * One named rule of a gate.
 *
 * @param name       how verdicts and quarantined rows refer to it, e.g. {@code amount_in_range}
 * @param level      what a failure does; {@link Level#QUARANTINE} needs a constraint with a row condition
 * @param constraint what it requires
 */
public record Rule(String name, Level level, Constraint constraint) {
    public Rule {
        if (level == Level.QUARANTINE && constraint.rowCondition().isEmpty()) {
            throw new IllegalArgumentException("rule '" + name + "': level quarantine needs a row-level constraint "
                    + "(completeness, range, allowed values, satisfies), not: " + constraint.describe());
        }
    }
}
