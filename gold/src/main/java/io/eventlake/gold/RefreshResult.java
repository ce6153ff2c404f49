package io.eventlake.gold;

/**
 * What a gold refresh did.
 *
 * @param table    the gold table
 * @param full     whether every slice was recomputed (first refresh, no usable change feed, or asked for)
 * @param slices   slices recomputed (feature tables: feature dates written)
 * @param inserted rows added
 * @param updated  rows whose values changed
 * @param deleted  rows removed (slices left empty)
 * @param inputs   the input versions read
 */
public record RefreshResult(String table, boolean full, long slices, long inserted, long updated, long deleted,
                            RefreshInputs inputs) {

    @Override
    public String toString() {
        return String.format("%s: %s refresh, %d slices recomputed: %d rows inserted, %d updated, %d deleted; inputs %s",
                table, full ? "full" : "incremental", slices, inserted, updated, deleted, inputs.versions());
    }
}
