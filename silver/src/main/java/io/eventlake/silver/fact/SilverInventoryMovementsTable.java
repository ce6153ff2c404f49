package io.eventlake.silver.fact;

import io.eventlake.table.TableSpec;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.eventlake.table.TableDoc;
import io.eventlake.table.TableLayout;
import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The published contract of {@code silver.inventory_movements}: one row per {@code inventory_adjusted} event, key
 * {@link FactColumns#EVENT_ID}. Partitioned by {@link FactColumns#EVENT_DATE}; data skipping on store and SKU (the
 * stock-level readers' filters).
 */
public final class SilverInventoryMovementsTable {
    private SilverInventoryMovementsTable() {
    }

    public static final String EVENT_TYPE_NAME = "inventory_adjusted";

    public static final String EVENT_ID = FactColumns.EVENT_ID;
    public static final String EVENT_DATE = FactColumns.EVENT_DATE;
    public static final String OCCURRED_AT = FactColumns.OCCURRED_AT;
    public static final String STORE_ID = "store_id";
    public static final String SKU = "sku";
    /** Units into (positive) or out of (negative) the store. */
    public static final String QUANTITY_DELTA = "quantity_delta";
    /** SALE, RESTOCK, SHRINKAGE, RETURN or CORRECTION. */
    public static final String REASON = "reason";
    public static final String SOURCE = FactColumns.SOURCE;

    public static final StructType SCHEMA = FactColumns.around(new StructType()
            .add(STORE_ID, StringType)
            .add(SKU, StringType)
            .add(QUANTITY_DELTA, IntegerType)
            .add(REASON, StringType));

    public static final TableLayout LAYOUT = TableLayout.partitioned(List.of(EVENT_DATE), EVENT_ID, OCCURRED_AT,
            STORE_ID, SKU)
            .withZOrder(STORE_ID, SKU);

    /** The table as the catalog knows it: named by {@code eventlake.silver.inventory-movements-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.silver.inventory-movements-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Stock movements per store and SKU (receipts, sales, adjustments), the input of inventory "
                    + "positions.",
                    "one row per inventory movement", List.of(EVENT_ID), EVENT_TYPE_NAME));
}
