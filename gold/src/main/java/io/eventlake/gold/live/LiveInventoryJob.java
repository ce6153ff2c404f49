package io.eventlake.gold.live;

import static org.apache.spark.sql.functions.col;

import io.eventlake.bronze.BronzeEventsJob;
import io.eventlake.bronze.BronzeTransforms;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.gold.inventory.AlertSink;
import io.eventlake.gold.inventory.InventorySettings;
import io.eventlake.gold.inventory.LowStockAlert;
import io.eventlake.gold.inventory.StockChanges;
import io.eventlake.kafka.KafkaTopics;
import io.eventlake.quality.RowChecks;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.conform.Conformance;
import io.eventlake.silver.fact.SilverInventoryMovementsJob;
import io.eventlake.silver.fact.SilverInventoryMovementsTable;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The fast operational path: reads the event topics directly (bronze's source), keeps every position in streaming
 * state keyed by store and SKU, and publishes a {@code low_stock} alert within one micro-batch of the event that
 * crosses a threshold.
 *
 * <p>Input: the Kafka records bronze consumes. What counts is what the analytical path counts: bronze's validation
 * ({@link BronzeTransforms#events}), silver's conformance and upcasting ({@link Conformance}), the row-level
 * quarantine rules of {@code silver.inventory_movements}, {@code silver.orders} and {@code silver.order_lines}, and
 * the same stock changes ({@link StockChanges}). Output: alerts on the alerts topic, with the ids
 * {@code gold.inventory_alerts} gives them, and each touched position on the positions topic. Writes no table:
 * {@code gold.inventory_positions} and {@code gold.inventory_alerts} stay the record, and
 * {@link InventoryReconciliation} compares the two.
 *
 * <p>Idempotency: the state and the Kafka offsets commit together with each micro-batch; a batch replayed after a
 * crash is recomputed from the state before it, into the same alerts, and the alert sink sends only ids the topic
 * lacks. A copy of an event within {@link LiveSettings#dedupWindow} is dropped; a later copy, or a late event that
 * the analytical path orders differently, is drift the reconciliation reports.
 */
public final class LiveInventoryJob {
    public static final String NAME = "gold.inventory_fast_path";
    /** The scheduler pool of the fast path's Spark jobs: with FAIR scheduling it never queues behind a layer. */
    public static final String SCHEDULER_POOL = "operational";
    private static final String POOL_PROPERTY = "spark.scheduler.pool";
    private static final String KEY_SEPARATOR = "\u0001";
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    private final LiveSettings settings;
    private final InventorySettings inventory;
    private final EventValidator validator;
    private final SilverContext silver;
    private final AlertSink alerts;
    private final PositionSink positions;
    private final AtomicLong published = new AtomicLong();

    /**
     * @param settings  the fast path's source, checkpoint and timing
     * @param inventory thresholds and the alerts topic
     * @param validator bronze's validator
     * @param silver    silver's contracts, tokenizer and quality gates (the rules the analytical path applies)
     * @param alerts    where alerts go
     * @param positions where the positions after each batch go
     */
    public LiveInventoryJob(LiveSettings settings, InventorySettings inventory, EventValidator validator,
                            SilverContext silver, AlertSink alerts, PositionSink positions) {
        this.settings = settings;
        this.inventory = inventory;
        this.validator = validator;
        this.silver = silver;
        this.alerts = alerts;
        this.positions = positions;
    }

    /** Alerts this job sent to the topic since it was built (replays excluded). */
    public long alertsPublished() {
        return published.get();
    }

    /** Starts the stream, its Spark jobs in the {@value #SCHEDULER_POOL} scheduler pool. */
    public StreamingQuery start(SparkSession lake, StreamMode mode) {
        KafkaTopics.requireTopics(settings.source().bootstrapServers(), settings.source().topics(),
                settings.source().options(), Duration.ofSeconds(15));
        // a session of its own (same SparkContext): its state has the partitions a few rows per batch need
        SparkSession spark = lake.newSession();
        spark.conf().set(SHUFFLE_PARTITIONS, settings.statePartitions());
        Dataset<Row> changes = changes(BronzeEventsJob.readKafka(spark, settings.source()), validator, silver);
        Dataset<LiveUpdate> updates = changes
                .groupByKey((MapFunction<Row, String>) row -> row.getString(0) + KEY_SEPARATOR + row.getString(1),
                        Encoders.STRING())
                .flatMapGroupsWithState(new Step(inventory.defaultReorderThreshold(),
                                new java.util.HashMap<>(inventory.reorderThresholds()), settings.dedupWindow()),
                        OutputMode.Append(),
                        Encoders.bean(PositionState.class), Encoders.bean(LiveUpdate.class),
                        GroupStateTimeout.NoTimeout());
        String previousPool = spark.sparkContext().getLocalProperty(POOL_PROPERTY);
        spark.sparkContext().setLocalProperty(POOL_PROPERTY, SCHEDULER_POOL); // the query's thread inherits it
        try {
            return Queries.startForeachBatch(updates.toDF(), NAME, settings.checkpoint(),
                    mode.trigger(settings.triggerInterval()), (batch, batchId) -> publish(batch));
        } finally {
            spark.sparkContext().setLocalProperty(POOL_PROPERTY, previousPool);
        }
    }

    /**
     * The stock changes of Kafka records, as the analytical path derives them (columns of
     * {@link StockChanges#fromMovements}), for records that pass bronze, silver's conformance and the row-level
     * quarantine rules of the silver tables they would land in. Stateless; a stream or a batch.
     */
    public static Dataset<Row> changes(Dataset<Row> kafkaRecords, EventValidator validator, SilverContext silver) {
        Dataset<Row> events = BronzeTransforms.events(kafkaRecords, validator, NAME, Instant.EPOCH)
                .where(col(io.eventlake.bronze.BronzeEventsTable.EVENT_TYPE).isin(
                        SilverInventoryMovementsTable.EVENT_TYPE_NAME, SilverOrdersTable.EVENT_TYPE_NAME));
        var tables = silver.settings().tables();
        Dataset<Row> movements = passing(SilverInventoryMovementsJob.movementRows(Conformance.accepted(
                        Conformance.conform(events, silver.contracts().versions(
                                SilverInventoryMovementsTable.EVENT_TYPE_NAME), silver.tokenizer()))), silver,
                tables.inventoryMovements().name());
        Dataset<Row> orders = passing(SilverOrdersJob.orderRows(Conformance.accepted(Conformance.conform(events,
                silver.contracts().versions(SilverOrdersTable.EVENT_TYPE_NAME), silver.tokenizer()))), silver,
                tables.orders().name());
        Dataset<Row> lines = passing(SilverOrderLinesJob.orderLineRows(orders), silver, tables.orderLines().name());
        return StockChanges.fromMovements(movements).unionByName(StockChanges.fromOrderLines(lines))
                // contracts require these; a row without one could not be keyed or ordered, and must not stop the job
                .where(col(StockChanges.STORE_ID).isNotNull().and(col(StockChanges.SKU).isNotNull())
                        .and(col(StockChanges.DELTA).isNotNull()).and(col(StockChanges.OCCURRED_AT).isNotNull()));
    }

    /** The rows breaking none of {@code table}'s quarantine rules. */
    private static Dataset<Row> passing(Dataset<Row> rows, SilverContext silver, String table) {
        return RowChecks.passing(RowChecks.withBrokenRules(rows, silver.quality().gate(table)));
    }

    private void publish(Dataset<Row> batch) {
        List<LiveUpdate> updates = batch.as(Encoders.bean(LiveUpdate.class)).collectAsList();
        List<LowStockAlert> raised = new ArrayList<>();
        List<LiveUpdate> moved = new ArrayList<>();
        for (LiveUpdate update : updates) {
            if (update.isAlert()) {
                raised.add(new LowStockAlert(update.getAlertId(), update.getStoreId(), update.getSku(),
                        update.getOnHandBefore(), update.getOnHand(), update.getReorderThreshold(),
                        update.getOccurredAt().toInstant()));
            } else {
                moved.add(update);
            }
        }
        published.addAndGet(alerts.publish(raised)); // alerts first: they are what someone waits for
        positions.publish(moved);
    }

    /** The stateful step: {@link LivePositions#apply} on each position's changes of the batch. */
    private record Step(int defaultThreshold, java.util.HashMap<String, Integer> thresholds, Duration window)
            implements FlatMapGroupsWithStateFunction<String, Row, PositionState, LiveUpdate> {
        @Override
        public Iterator<LiveUpdate> call(String key, Iterator<Row> rows, GroupState<PositionState> state) {
            String[] position = key.split(KEY_SEPARATOR, 2);
            List<LiveChange> changes = new ArrayList<>();
            rows.forEachRemaining(row -> changes.add(new LiveChange(row.getAs(StockChanges.CHANGE_KEY),
                    row.<Long>getAs(StockChanges.DELTA), row.<java.sql.Timestamp>getAs(StockChanges.OCCURRED_AT)
                    .toInstant())));
            LivePositions.Step step = LivePositions.apply(position[0], position[1],
                    state.exists() ? state.get() : null, changes,
                    thresholds.getOrDefault(position[1], defaultThreshold), window);
            state.update(step.state());
            return step.updates().iterator();
        }
    }
}
