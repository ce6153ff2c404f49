package io.eventlake.gold.inventory;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code gold.inventory_positions}: current units on hand per store and SKU (key
 * {@link #STORE_ID}, {@link #SKU}), the sum of every stock change applied: inventory movements (restock,
 * shrinkage, returns, corrections) add their delta, order lines subtract their quantity. Movements with reason
 * SALE are the store system's record of sales the order lines already count, so they are not applied again.
 * Data skipping on store and SKU.
 */
public final class InventoryPositionsTable {
    private InventoryPositionsTable() {
    }

    public static final String STORE_ID = "store_id";
    public static final String SKU = "sku";
    public static final String ON_HAND = "on_hand";
    /** The SKU's reorder threshold when the position last changed. */
    public static final String REORDER_THRESHOLD = "reorder_threshold";
    /** The latest {@code occurred_at} among the changes applied. */
    public static final String UPDATED_AT = "updated_at";

    public static final List<String> KEY = List.of(STORE_ID, SKU);

    public static final StructType SCHEMA = new StructType()
            .add(STORE_ID, StringType, false)
            .add(SKU, StringType, false)
            .add(ON_HAND, LongType)
            .add(REORDER_THRESHOLD, IntegerType)
            .add(UPDATED_AT, TimestampType);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(STORE_ID, SKU, UPDATED_AT)
            .withZOrder(STORE_ID, SKU);

    /** The table as the catalog knows it: named by {@code eventlake.gold.inventory-positions-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.gold.inventory-positions-table", SCHEMA, LAYOUT)
            .withEventTime(UPDATED_AT)
            .withDoc(TableDoc.of("Units on hand per store and SKU, with the reorder threshold: the operational view stores "
                    + "act on.",
                    "one row per store and SKU", List.of(STORE_ID, SKU)));
}
