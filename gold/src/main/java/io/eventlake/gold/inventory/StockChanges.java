package io.eventlake.gold.inventory;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.eventlake.silver.fact.SilverInventoryMovementsTable;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/** Pure transforms from silver rows to stock changes, position deltas and threshold crossings. No I/O. */
public final class StockChanges {
    private StockChanges() {
    }

    public static final String STORE_ID = InventoryPositionsTable.STORE_ID;
    public static final String SKU = InventoryPositionsTable.SKU;
    /** Units into (positive) or out of (negative) the store. */
    public static final String DELTA = "delta";
    public static final String OCCURRED_AT = "occurred_at";
    /** Identifies the change: {@code m:<event id>} or {@code l:<event id>:<line number>}. */
    public static final String CHANGE_KEY = "change_key";
    /** The movement reason whose units the order lines already count. */
    public static final String SALE = "SALE";
    /** 1 for a change, -1 for the retraction of an earlier one (a row a backfill deleted or replaced). */
    public static final String SIGN = "sign";
    /** The change data feed's column saying what a row is; absent in a plain read, whose rows all count once. */
    static final String CHANGE_TYPE = "_change_type";

    /**
     * The sign of each row of {@code rows}: from the change data feed, -1 for a deleted row or the old image of an
     * updated one and 1 otherwise; 1 for every row of a plain read.
     */
    static Column sign(Dataset<Row> rows) {
        if (!Arrays.asList(rows.columns()).contains(CHANGE_TYPE)) {
            return lit(1L);
        }
        return when(col(CHANGE_TYPE).isin("delete", "update_preimage"), lit(-1L)).otherwise(lit(1L));
    }

    /**
     * The stock changes of inventory movements: every reason but SALE (counted through order lines). From rows of
     * {@code silver.inventory_movements} or from its change data feed, whose retractions undo what they retract.
     */
    public static Dataset<Row> fromMovements(Dataset<Row> movements) {
        Column sign = sign(movements);
        return movements.where(col(SilverInventoryMovementsTable.REASON).notEqual(SALE))
                .select(col(SilverInventoryMovementsTable.STORE_ID).as(STORE_ID),
                        col(SilverInventoryMovementsTable.SKU).as(SKU),
                        col(SilverInventoryMovementsTable.QUANTITY_DELTA).cast(DataTypes.LongType).multiply(sign)
                                .as(DELTA),
                        col(SilverInventoryMovementsTable.OCCURRED_AT).as(OCCURRED_AT),
                        concat_ws(":", lit("m"), col(SilverInventoryMovementsTable.EVENT_ID)).as(CHANGE_KEY),
                        sign.as(SIGN));
    }

    /**
     * The stock changes of order lines: their quantity leaves the store. From rows of {@code silver.order_lines}
     * or from its change data feed, whose retractions undo what they retract.
     */
    public static Dataset<Row> fromOrderLines(Dataset<Row> lines) {
        Column sign = sign(lines);
        return lines.select(col(SilverOrderLinesTable.STORE_ID).as(STORE_ID), col(SilverOrderLinesTable.SKU).as(SKU),
                col(SilverOrderLinesTable.QUANTITY).cast(DataTypes.LongType).multiply(-1).multiply(sign).as(DELTA),
                col(SilverOrderLinesTable.OCCURRED_AT).as(OCCURRED_AT),
                concat_ws(":", lit("l"), col(SilverOrderLinesTable.EVENT_ID),
                        col(SilverOrderLinesTable.LINE_NUMBER).cast(DataTypes.StringType)).as(CHANGE_KEY),
                sign.as(SIGN));
    }

    /** Per position: the net delta of the changes, when the latest occurred, and the greatest change key. */
    public static Dataset<Row> net(Dataset<Row> changes) {
        return changes.groupBy(STORE_ID, SKU).agg(sum(col(DELTA)).as(DELTA), max(col(OCCURRED_AT)).as(OCCURRED_AT),
                max(col(CHANGE_KEY)).as(CHANGE_KEY));
    }

    /** The reorder threshold of each SKU: its own, or the default. */
    public static Column threshold(Column sku, InventorySettings settings) {
        Column threshold = lit(settings.defaultReorderThreshold());
        for (Map.Entry<String, Integer> own : settings.reorderThresholds().entrySet()) {
            threshold = when(sku.equalTo(own.getKey()), lit(own.getValue())).otherwise(threshold);
        }
        return threshold;
    }

    /**
     * The id of the alert a change raises when it crosses its position's threshold: the SHA-256 (hex) of store,
     * SKU and change key joined by {@code |}. {@link #alertId(String, String, String)} is the same digest outside
     * Spark; both paths to the alerts topic use one or the other, so they agree on every id.
     */
    public static Column alertId(Column storeId, Column sku, Column changeKey) {
        return sha2(concat_ws("|", storeId, sku, changeKey), 256);
    }

    /** {@link #alertId(Column, Column, Column)} of one change, in plain Java (the fast path's). */
    public static String alertId(String storeId, String sku, String changeKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    String.join("|", storeId, sku, changeKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The alerts of positions that fall below their threshold from at or above it ({@link InventoryAlertsTable}
     * rows): the batch's changes of each position are applied one by one in the order they occurred (then by
     * change key) from the position before the batch (0 for a new one), and each change that takes the position
     * from at or above the threshold to below it is one crossing, identified by the digest of store, SKU and that
     * change's key. How changes fall into micro-batches does not change the alerts.
     *
     * A retraction (a backfill's repair of a silver row) undoes its change in the same order.
     *
     * @param changes the batch's stock changes ({@link #fromMovements}, {@link #fromOrderLines})
     * @param before  the positions before the batch (rows of {@link InventoryPositionsTable})
     * @param topic   the topic the alerts go to
     */
    public static Dataset<Row> crossings(Dataset<Row> changes, Dataset<Row> before, InventorySettings settings,
                                         String topic) {
        // a retraction goes before the change that replaces it (an update's old image before its new one)
        WindowSpec inOrder = Window.partitionBy(col(STORE_ID), col(SKU))
                .orderBy(col(OCCURRED_AT), col(CHANGE_KEY), col(SIGN))
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column start = coalesce(col("p." + InventoryPositionsTable.ON_HAND), lit(0L));
        Dataset<Row> applied = changes.as("c").join(before.as("p"), col("c." + STORE_ID).equalTo(col("p." + STORE_ID))
                        .and(col("c." + SKU).equalTo(col("p." + SKU))), "left")
                .select(col("c." + STORE_ID).as(STORE_ID), col("c." + SKU).as(SKU), col("c." + DELTA).as(DELTA),
                        col("c." + OCCURRED_AT).as(OCCURRED_AT), col("c." + CHANGE_KEY).as(CHANGE_KEY),
                        col("c." + SIGN).as(SIGN), start.as("_start"))
                .withColumn("_after", col("_start").plus(sum(col(DELTA)).over(inOrder)))
                .withColumn("_before", col("_after").minus(col(DELTA)))
                .withColumn("_threshold", threshold(col(SKU), settings));
        return applied.where(col("_before").geq(col("_threshold")).and(col("_after").lt(col("_threshold"))))
                .select(alertId(col(STORE_ID), col(SKU), col(CHANGE_KEY)).as(InventoryAlertsTable.ALERT_ID),
                        col(STORE_ID).as(InventoryAlertsTable.STORE_ID), col(SKU).as(InventoryAlertsTable.SKU),
                        col("_before").as(InventoryAlertsTable.ON_HAND_BEFORE),
                        col("_after").as(InventoryAlertsTable.ON_HAND),
                        col("_threshold").as(InventoryAlertsTable.REORDER_THRESHOLD),
                        col(OCCURRED_AT).as(InventoryAlertsTable.OCCURRED_AT),
                        lit(topic).as(InventoryAlertsTable.TOPIC));
    }
}
