package io.eventlake.gold.live;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;

import io.eventlake.gold.inventory.InventoryAlertsTable;
import io.eventlake.gold.inventory.InventoryPositionsTable;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Compares the fast path with the record: the latest position per key on the positions topic against
 * {@code gold.inventory_positions}, and the alert ids on the alerts topic against {@code gold.inventory_alerts}.
 * Reads only; run it when both paths have caught up with the topic (keys still in flight show as drift). What it
 * finds: a copy of an event later than the fast path's de-duplication window, an event that arrives after changes
 * that occurred later than it (the paths order them differently), a row a backfill repaired in silver.
 */
public final class InventoryReconciliation {
    private static final StructType POSITION = new StructType()
            .add("store_id", DataTypes.StringType).add("sku", DataTypes.StringType)
            .add("on_hand", DataTypes.LongType);
    private static final StructType ALERT = new StructType()
            .add("event_id", DataTypes.StringType)
            .add("payload", new StructType().add("store_id", DataTypes.StringType).add("sku", DataTypes.StringType));

    private final InventorySettings inventory;
    private final String positionsTopic;
    private final TableLocation positions;
    private final TableLocation alerts;

    /**
     * @param inventory      the alerts topic and its cluster
     * @param positionsTopic the fast path's positions topic
     * @param positions      {@code gold.inventory_positions}
     * @param alerts         {@code gold.inventory_alerts}
     */
    public InventoryReconciliation(InventorySettings inventory, String positionsTopic, TableLocation positions,
                                   TableLocation alerts) {
        this.inventory = inventory;
        this.positionsTopic = positionsTopic;
        this.positions = positions;
        this.alerts = alerts;
    }

    public InventoryDrift compare(SparkSession spark) {
        for (TableLocation table : List.of(positions, alerts)) {
            if (!DeltaTables.exists(spark, table)) {
                throw io.eventlake.errors.LakeErrors.tableMissing(table.name(), table.path(),
                        "the inventory reconciliation", "run the pipeline (./lake pipeline) so the analytical path "
                                + "writes it, then reconcile again");
            }
        }
        Dataset<Row> fast = topic(spark, positionsTopic)
                .groupBy(col("key"))
                .agg(max_by(col("value"), col("offset")).as("value"))
                .select(from_json(col("value").cast(DataTypes.StringType), POSITION).as("p"))
                .select(col("p.store_id").as("store_id"), col("p.sku").as("sku"), col("p.on_hand").as("fast"));
        Dataset<Row> gold = spark.read().format("delta").load(positions.path())
                .select(col(InventoryPositionsTable.STORE_ID).as("store_id"), col(InventoryPositionsTable.SKU).as("sku"),
                        col(InventoryPositionsTable.ON_HAND).as("gold"));
        List<InventoryDrift.PositionDrift> positionDrift = fast.join(gold, scala.collection.JavaConverters
                        .asScalaBuffer(List.of("store_id", "sku")).toSeq(), "full_outer")
                .where(not(col("fast").eqNullSafe(col("gold"))))
                .orderBy("store_id", "sku")
                .collectAsList().stream()
                .map(r -> new InventoryDrift.PositionDrift(r.getString(0), r.getString(1),
                        r.isNullAt(2) ? null : r.getLong(2), r.isNullAt(3) ? null : r.getLong(3)))
                .toList();
        Dataset<Row> published = topic(spark, inventory.alertsTopic())
                .select(from_json(col("value").cast(DataTypes.StringType), ALERT).as("a"))
                .select(col("a.event_id").as("alert_id"), col("a.payload.store_id").as("t_store"),
                        col("a.payload.sku").as("t_sku"))
                .where(col("alert_id").isNotNull()).dropDuplicates("alert_id");
        Dataset<Row> raised = spark.read().format("delta").load(alerts.path())
                .select(col(InventoryAlertsTable.ALERT_ID).as("alert_id"),
                        col(InventoryAlertsTable.STORE_ID).as("g_store"), col(InventoryAlertsTable.SKU).as("g_sku"));
        List<InventoryDrift.AlertDrift> alertDrift = published.join(raised, scala.collection.JavaConverters
                        .asScalaBuffer(List.of("alert_id")).toSeq(), "full_outer")
                .where(col("t_store").isNull().or(col("g_store").isNull()))
                .select(col("alert_id"), coalesce(col("t_store"), col("g_store")), coalesce(col("t_sku"), col("g_sku")),
                        col("g_store").isNull().as("topic_only"))
                .orderBy("alert_id")
                .collectAsList().stream()
                .map(r -> new InventoryDrift.AlertDrift(r.getString(0), r.getString(1), r.getString(2),
                        r.getBoolean(3) ? InventoryDrift.Side.TOPIC_ONLY : InventoryDrift.Side.TABLE_ONLY))
                .toList();
        return new InventoryDrift(positionDrift, alertDrift);
    }

    /** Every record of {@code topic} now (key, value, offset); none when the topic does not exist. */
    private Dataset<Row> topic(SparkSession spark, String topic) {
        if (!io.eventlake.kafka.KafkaTopics.exists(inventory.bootstrapServers(), topic)) {
            return spark.createDataFrame(List.of(), new StructType().add("key", DataTypes.BinaryType)
                    .add("value", DataTypes.BinaryType).add("offset", DataTypes.LongType));
        }
        DataFrameReader reader = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", inventory.bootstrapServers())
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .option("kafka.isolation.level", "read_committed");
        for (var option : inventory.kafkaOptions().entrySet()) {
            reader = reader.option("kafka." + option.getKey(), option.getValue());
        }
        return reader.load().select("key", "value", "offset");
    }
}
