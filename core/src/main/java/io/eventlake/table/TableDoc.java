package io.eventlake.table;

import java.util.List;

/**
 * What a table is, for the people who read it (the catalog's table page): published with its spec by the layer
 * that writes it.
 *
 * @param description what the table holds and why one would read it
 * @param grain       what one row is
 * @param keys        the columns that identify a row
 * @param eventTypes  the event contracts its rows come from (empty for a table not fed by events directly)
 */
public record TableDoc(String description, String grain, List<String> keys, List<String> eventTypes) {
    /** No documentation yet. */
    public static final TableDoc NONE = new TableDoc("", "", List.of(), List.of());

    public TableDoc {
        keys = List.copyOf(keys);
        eventTypes = List.copyOf(eventTypes);
    }

    public static TableDoc of(String description, String grain, List<String> keys, String... eventTypes) {
        return new TableDoc(description, grain, keys, List.of(eventTypes));
    }
}
