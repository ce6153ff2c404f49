package io.eventlake.orchestration.maintain;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaTable;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.LakeRun;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The pinned versions of the lake's tables, kept in {@link PinsTable}: a pinned version stays readable, because
 * {@link Maintenance}'s VACUUM never deletes a file it reads. A version may have several pins (two training sets
 * read it), one per reason; pinning it again for the same reason keeps one pin.
 *
 * @param location where the pins table lives
 */
public record Pins(TableLocation location) {

    /** Who pins: a person with {@code lake pin}, or a training set build for the versions it read. */
    public static final String BY_USER = "lake pin";
    public static final String BY_TRAINING_SET = "training set";

    /**
     * One pinned version.
     *
     * @param table    the table's name
     * @param version  the pinned version
     * @param reason   why it must stay readable
     * @param pinnedBy {@link #BY_USER} or {@link #BY_TRAINING_SET}
     * @param pinnedAt when
     * @param runId    the run that pinned it (null outside a run)
     */
    public record Pin(String table, long version, String reason, String pinnedBy, Instant pinnedAt, String runId) {
        /** How a message names it: {@code version 3 of gold.daily_store_sales (lake pin: "Q3 model")}. */
        public String describe() {
            return "version " + version + " of " + table + " (" + pinnedBy + ": \"" + reason + "\", "
                    + pinnedAt + ")";
        }
    }

    /** A pin of {@code version} of {@code table} made now, in the current run. */
    public static Pin now(SparkSession spark, String table, long version, String reason, String pinnedBy) {
        return new Pin(table, version, reason, pinnedBy, Instant.now(), LakeRun.current(spark).orElse(null));
    }

    /** Every pin, by table then version; none before the first pin. */
    public List<Pin> all(SparkSession spark) {
        if (!DeltaTables.exists(spark, location)) {
            return List.of();
        }
        List<Pin> pins = new ArrayList<>();
        for (Row row : spark.read().format("delta").load(location.path())
                .orderBy(col(PinsTable.TABLE_NAME), col(PinsTable.VERSION)).collectAsList()) {
            Timestamp at = row.getAs(PinsTable.PINNED_AT);
            pins.add(new Pin(row.getAs(PinsTable.TABLE_NAME), row.<Long>getAs(PinsTable.VERSION),
                    row.getAs(PinsTable.REASON), row.getAs(PinsTable.PINNED_BY),
                    at == null ? null : at.toInstant(), row.getAs(PinsTable.RUN_ID)));
        }
        return pins;
    }

    /** The pins of {@code table}, oldest version first. */
    public List<Pin> of(SparkSession spark, String table) {
        return all(spark).stream().filter(pin -> pin.table().equals(table)).toList();
    }

    /** Records {@code pins} in one commit; a version pinned already for the same reason keeps one pin. */
    public void pin(SparkSession spark, List<Pin> pins) {
        if (pins.isEmpty()) {
            return;
        }
        DeltaTables.ensure(spark, location, PinsTable.SCHEMA, PinsTable.LAYOUT);
        List<Row> rows = pins.stream().map(pin -> RowFactory.create(pin.table(), pin.version(), pin.reason(),
                pin.pinnedBy(), Timestamp.from(pin.pinnedAt()), pin.runId())).toList();
        DeltaTable.forPath(spark, location.path()).as("t")
                .merge(spark.createDataFrame(rows, PinsTable.SCHEMA).as("s"), "t." + PinsTable.TABLE_NAME + " = s."
                        + PinsTable.TABLE_NAME + " AND t." + PinsTable.VERSION + " = s." + PinsTable.VERSION + " AND t."
                        + PinsTable.REASON + " = s." + PinsTable.REASON)
                .whenMatched().updateAll()
                .whenNotMatched().insertAll()
                .execute();
    }

    /**
     * Removes the pins of {@code version} of {@code table}: every one, or only the one for {@code reason} when
     * given; the pins removed (none when there were none).
     */
    public List<Pin> unpin(SparkSession spark, String table, long version, Optional<String> reason) {
        List<Pin> removed = of(spark, table).stream().filter(pin -> pin.version() == version)
                .filter(pin -> reason.map(pin.reason()::equals).orElse(true)).toList();
        if (!removed.isEmpty()) {
            Column which = col(PinsTable.TABLE_NAME).equalTo(table).and(col(PinsTable.VERSION).equalTo(version));
            DeltaTable.forPath(spark, location.path()).delete(reason.map(r -> which.and(col(PinsTable.REASON)
                    .equalTo(r))).orElse(which));
        }
        return removed;
    }
}
