package io.eventlake.gold.inventory;

import static org.apache.spark.sql.functions.col;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.gold.GoldSettings;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * Streams silver inventory movements and order lines into {@link InventoryPositionsTable}, and raises a
 * {@code low_stock} alert ({@link InventoryAlertsTable} and the alerts topic) each time a position falls below its
 * reorder threshold. It reads their change data feeds, so a row a backfill deletes or replaces in silver is
 * retracted from the positions (the tables' updates would stop a plain Delta stream).
 *
 * <p>Per micro-batch, in this order: the crossings of the batch's changes applied in the order they occurred to
 * the positions before the batch ({@link StockChanges#crossings}); the alerts MERGEd into the alerts table by their deterministic id; the alerts the topic lacks
 * published ({@link AlertSink}); last, the positions MERGEd, with Delta's idempotent-write confs (query id, batch
 * id) so a replayed batch is not applied twice. A batch the positions already hold is skipped whole (its alerts
 * were published before it was applied); a crash anywhere earlier replays into the same alert ids, so each
 * crossing is exactly one row and one event.
 */
public final class InventoryPositionsJob {
    public static final String NAME = "gold.inventory_positions";
    private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    private static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    private static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

    private final GoldSettings gold;
    private final InventorySettings settings;
    private final AlertSink alerts;
    private final String checkpoint;
    private final Duration triggerInterval;
    private final AtomicLong raised = new AtomicLong();

    /**
     * @param checkpoint      the query's checkpoint folder
     * @param triggerInterval micro-batch interval of a continuous run
     */
    public InventoryPositionsJob(GoldSettings gold, InventorySettings settings, AlertSink alerts, String checkpoint,
                                 Duration triggerInterval) {
        this.gold = gold;
        this.settings = settings;
        this.alerts = alerts;
        this.checkpoint = checkpoint;
        this.triggerInterval = triggerInterval;
    }

    /** Alerts this job raised (new rows in the alerts table) since it was built. */
    public long alertsRaised() {
        return raised.get();
    }

    public StreamingQuery start(SparkSession spark, StreamMode mode) {
        DeltaTables.ensure(spark, gold.tables().inventoryPositions(), InventoryPositionsTable.SCHEMA,
                InventoryPositionsTable.LAYOUT);
        DeltaTables.ensure(spark, gold.tables().inventoryAlerts(), InventoryAlertsTable.SCHEMA,
                InventoryAlertsTable.LAYOUT);
        // The change data feeds, not the tables: a backfill that repairs a silver row retracts what it replaces.
        Dataset<Row> changes = StockChanges.fromMovements(changeFeed(spark, gold.silver().inventoryMovements()))
                .union(StockChanges.fromOrderLines(changeFeed(spark, gold.silver().orderLines())));
        return Queries.startForeachBatch(changes, NAME, checkpoint, mode.trigger(triggerInterval), this::write);
    }

    /** The stream of a table's changes: its rows when the query starts, then each commit's changes. */
    private static Dataset<Row> changeFeed(SparkSession spark, TableLocation table) {
        return spark.readStream().format("delta").option("readChangeFeed", "true").load(table.path());
    }

    void write(Dataset<Row> batch, long batchId) {
        SparkSession spark = batch.sparkSession();
        String appId = spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        TableLocation positions = gold.tables().inventoryPositions();
        if (alreadyApplied(spark, positions, appId, batchId)) {
            return;
        }
        Dataset<Row> changes = batch.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            if (changes.isEmpty()) {
                return;
            }
            Dataset<Row> before = spark.read().format("delta").load(positions.path());
            List<Row> rows = StockChanges.crossings(changes, before, settings, alerts.destination())
                    .collectAsList();
            if (!rows.isEmpty()) {
                Dataset<Row> crossings = spark.createDataFrame(rows, InventoryAlertsTable.SCHEMA);
                raised.addAndGet(DeltaCommits.writeTagged(spark, gold.tables().inventoryAlerts(),
                        new CommitTag.Batch(appId, batchId), table -> table.as("t")
                                .merge(crossings.as("s"), "t." + InventoryAlertsTable.ALERT_ID + " = s."
                                        + InventoryAlertsTable.ALERT_ID)
                                .whenNotMatched().insertAll()
                                .execute(), "numTargetRowsInserted"));
                alerts.publish(rows.stream().map(LowStockAlert::fromRow).toList());
            }
            applyPositions(spark, positions, StockChanges.net(changes), appId, batchId);
        } finally {
            changes.unpersist(false);
        }
    }

    /**
     * Whether the positions' last commit is this query's batch or a later one (a replay after it committed). Only
     * this job writes the positions, so its last commit is the one to look at.
     */
    private static boolean alreadyApplied(SparkSession spark, TableLocation positions, String appId, long batchId) {
        return DeltaCommits.lastCommitTag(spark, positions)
                .filter(tag -> tag instanceof CommitTag.Batch batch && batch.queryId().equals(appId))
                .map(tag -> ((CommitTag.Batch) tag).batchId() >= batchId)
                .orElse(false);
    }

    private void applyPositions(SparkSession spark, TableLocation positions, Dataset<Row> net, String appId,
                                long batchId) {
        Dataset<Row> source = net.withColumn(InventoryPositionsTable.REORDER_THRESHOLD,
                StockChanges.threshold(col(StockChanges.SKU), settings));
        spark.conf().set(TXN_APP_ID, appId);
        spark.conf().set(TXN_VERSION, Long.toString(batchId));
        try {
            DeltaCommits.writeTagged(spark, positions, new CommitTag.Batch(appId, batchId), table -> table.as("t")
                    .merge(source.as("s"), "t." + InventoryPositionsTable.STORE_ID + " = s." + StockChanges.STORE_ID
                            + " AND t." + InventoryPositionsTable.SKU + " = s." + StockChanges.SKU)
                    .whenMatched().updateExpr(Map.of(
                            InventoryPositionsTable.ON_HAND, "t." + InventoryPositionsTable.ON_HAND + " + s."
                                    + StockChanges.DELTA,
                            InventoryPositionsTable.REORDER_THRESHOLD, "s." + InventoryPositionsTable.REORDER_THRESHOLD,
                            InventoryPositionsTable.UPDATED_AT, "greatest(t." + InventoryPositionsTable.UPDATED_AT
                                    + ", s." + StockChanges.OCCURRED_AT + ")"))
                    .whenNotMatched().insertExpr(Map.of(
                            InventoryPositionsTable.STORE_ID, "s." + StockChanges.STORE_ID,
                            InventoryPositionsTable.SKU, "s." + StockChanges.SKU,
                            InventoryPositionsTable.ON_HAND, "s." + StockChanges.DELTA,
                            InventoryPositionsTable.REORDER_THRESHOLD, "s." + InventoryPositionsTable.REORDER_THRESHOLD,
                            InventoryPositionsTable.UPDATED_AT, "s." + StockChanges.OCCURRED_AT))
                    .execute());
        } finally {
            spark.conf().unset(TXN_APP_ID);
            spark.conf().unset(TXN_VERSION);
        }
    }
}
