package io.eventlake.gold;

/**
 * What a gold refresh did.
 *
 * @param table    the gold table
 * @param full     whether every slice was recomputed (first refresh, no usable change feed, or asked for)
 * @param slices   slices recomputed (feature tables: (customer, feature date) rows recomputed)
 * @param inserted rows added
 * @param updated  rows whose values changed
 * @param deleted  rows removed (slices left empty)
 * @param inputs   the input versions read
 * @param audit    how the written version fared in its audit ({@code passed}, or {@code not audited} when
 *                 nothing was written or the table has no rules)
 */
public record RefreshResult(String table, boolean full, long slices, long inserted, long updated, long deleted,
                            RefreshInputs inputs, String audit) {
    public RefreshResult(String table, boolean full, long slices, long inserted, long updated, long deleted,
                         RefreshInputs inputs) {
        this(table, full, slices, inserted, updated, deleted, inputs, "not audited");
    }

    /** This result with the audit's outcome. */
    public RefreshResult withAudit(String outcome) {
        return new RefreshResult(table, full, slices, inserted, updated, deleted, inputs, outcome);
    }

    @Override
    public String toString() {
        return String.format("%s: %s refresh, %d slices recomputed: %d rows inserted, %d updated, %d deleted; "
                        + "inputs %s; audit %s", table, full ? "full" : "incremental", slices, inserted, updated,
                deleted, inputs.versions(), audit);
    }
}
