package io.eventlake.quality;

import java.util.List;

/**
 * The rules guarding writes to one table: described first, verified in one pass ({@link Gates#verify}).
 *
 * @param table the table the rules guard
 * @param rules its rules
 */
public record Gate(String table, List<Rule> rules) {
    public Gate {
        rules = List.copyOf(rules);
    }
}
