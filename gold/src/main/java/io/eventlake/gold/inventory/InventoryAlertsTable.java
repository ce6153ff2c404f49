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
 * The published contract of {@code gold.inventory_alerts}: one row per time a position fell below its reorder
 * threshold (from at or above it), key {@link #ALERT_ID}, the same alert as the {@code low_stock} event on the
 * alerts topic (its {@code event_id}). The id is a digest of the store, the SKU and the last stock change of the
 * crossing, so a replayed micro-batch produces the same id and neither the table nor the topic gets it twice.
 */
public final class InventoryAlertsTable {
    private InventoryAlertsTable() {
    }

    public static final String ALERT_ID = "alert_id";
    public static final String STORE_ID = "store_id";
    public static final String SKU = "sku";
    public static final String ON_HAND_BEFORE = "on_hand_before";
    public static final String ON_HAND = "on_hand";
    public static final String REORDER_THRESHOLD = "reorder_threshold";
    /** When the change that crossed the threshold occurred. */
    public static final String OCCURRED_AT = "occurred_at";
    /** The Kafka topic the alert was published to. */
    public static final String TOPIC = "topic";

    public static final StructType SCHEMA = new StructType()
            .add(ALERT_ID, StringType, false)
            .add(STORE_ID, StringType)
            .add(SKU, StringType)
            .add(ON_HAND_BEFORE, LongType)
            .add(ON_HAND, LongType)
            .add(REORDER_THRESHOLD, IntegerType)
            .add(OCCURRED_AT, TimestampType)
            .add(TOPIC, StringType);

    public static final TableLayout LAYOUT = TableLayout.unpartitioned(ALERT_ID, STORE_ID, SKU, OCCURRED_AT)
            .withZOrder(STORE_ID, SKU);

    /** The table as the catalog knows it: named by {@code eventlake.gold.inventory-alerts-table}. */
    public static final TableSpec SPEC = new TableSpec("eventlake.gold.inventory-alerts-table", SCHEMA, LAYOUT)
            .withEventTime(OCCURRED_AT)
            .withDoc(TableDoc.of("Every crossing of a reorder threshold, with a deterministic id, also published to the "
                    + "alerts topic.",
                    "one row per low-stock crossing", List.of(ALERT_ID)));
}
