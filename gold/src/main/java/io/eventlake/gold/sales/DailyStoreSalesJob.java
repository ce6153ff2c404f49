package io.eventlake.gold.sales;

import static io.eventlake.gold.sales.DailyStoreSalesTable.CURRENCY;
import static io.eventlake.gold.sales.DailyStoreSalesTable.EVENT_DATE;
import static io.eventlake.gold.sales.DailyStoreSalesTable.STORE_ID;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.RefreshInputs;
import io.eventlake.gold.RefreshInputsReader;
import io.eventlake.gold.RefreshResult;
import io.eventlake.gold.Scratch;
import io.eventlake.silver.SilverTableLocations;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableRepair;
import io.eventlake.table.TableLocation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Refreshes {@link DailyStoreSalesTable} from {@code silver.orders}, {@code silver.order_lines} and
 * {@code silver.returns}.
 *
 * <p>Incremental: reads the silver change data feed since the versions the last refresh recorded in its commit
 * ({@link RefreshInputs}) and collects the slices those changes touch ({@link DailyStoreSales#affectedSlices}: a
 * few hundred keys, not rows). It then reads silver, pinned at the versions read now, restricted to those slices
 * before aggregating (the days' partitions, then the slices' stores), recomputes them, and replaces the days'
 * partitions in one commit ({@code replaceWhere}) with their other slices as they were and these recomputed:
 * changed rows updated, new ones inserted, emptied ones deleted, untouched ones kept. A late event therefore corrects its own slice of its past day, and the cost follows the change,
 * not the history. Full: one plain recompute of every slice that replaces the table (first refresh, a change
 * feed that no longer reaches back, more than {@link #MAX_INCREMENTAL_SLICES} slices touched, or asked for).
 *
 * <p>Idempotent: the input versions are committed with the data, so a refresh with no new silver versions does
 * nothing, and a crash before the commit leaves the last one in force.
 */
public final class DailyStoreSalesJob {
    public static final String NAME = "gold.daily_store_sales";
    /** Past this many touched slices a full recompute is cheaper than collecting and filtering by them. */
    static final int MAX_INCREMENTAL_SLICES = 50_000;

    private final GoldSettings settings;

    public DailyStoreSalesJob(GoldSettings settings) {
        this.settings = settings;
    }

    /** The three inputs, each read once per refresh at the version {@link RefreshInputs} pins. */
    private record Inputs(Dataset<Row> orders, Dataset<Row> lines, Dataset<Row> returns) {
        static Inputs at(SparkSession spark, SilverTableLocations silver, RefreshInputs versions) {
            return new Inputs(RefreshInputsReader.at(spark, silver.orders(), versions),
                    RefreshInputsReader.at(spark, silver.orderLines(), versions),
                    RefreshInputsReader.at(spark, silver.returns(), versions));
        }

        /** The store of each of the given order ids only (a scan of two columns, no full-history join). */
        Dataset<Row> orderStoresOf(Dataset<Row> orderIds) {
            return DailyStoreSales.orderStores(orders.join(broadcast(orderIds.distinct()),
                    SilverOrdersTable.ORDER_ID, "left_semi"));
        }
    }

    /** Brings the table up to date with silver; {@code full} recomputes every slice. */
    public RefreshResult refresh(SparkSession spark, boolean full) {
        TableLocation table = settings.tables().dailyStoreSales();
        RefreshInputs current = RefreshInputsReader.current(spark, NAME, List.of(settings.silver().orders(),
                settings.silver().orderLines(), settings.silver().returns()));
        DeltaTables.ensure(spark, table, DailyStoreSalesTable.SCHEMA, DailyStoreSalesTable.LAYOUT);
        Optional<RefreshInputs> last = full ? Optional.empty()
                : RefreshInputsReader.last(spark, NAME, table, current);
        if (last.isPresent() && last.get().equals(current)) {
            return new RefreshResult(table.name(), false, 0, 0, 0, 0, current);
        }
        Inputs inputs = Inputs.at(spark, settings.silver(), current);
        try (Scratch scratch = new Scratch()) {
            Optional<List<Row>> changed = last.flatMap(previous -> changedSlices(spark, scratch, previous, current,
                    inputs)).filter(slices -> slices.size() <= MAX_INCREMENTAL_SLICES);
            return changed.map(slices -> refreshSlices(spark, scratch, table, inputs, slices, current))
                    .orElseGet(() -> recompute(spark, table, inputs, current));
        }
    }

    /** Every slice recomputed in one plain aggregation that replaces the table in one tagged commit. */
    private static RefreshResult recompute(SparkSession spark, TableLocation table, Inputs inputs,
                                           RefreshInputs current) {
        Dataset<Row> all = DailyStoreSales.slices(inputs.orders(), inputs.lines(), inputs.returns(),
                DailyStoreSales.orderStores(inputs.orders())).select(DailyStoreSales.columns());
        long before = spark.read().format("delta").load(table.path()).count(); // from the log's statistics
        Map<String, Long> written = DeltaCommits.writeTagged(spark, table, current.tag(NAME),
                target -> all.write().format("delta").mode("overwrite").save(table.path()));
        long rows = written.getOrDefault("numOutputRows", 0L);
        return new RefreshResult(table.name(), true, rows, rows, 0, before, current);
    }

    /** The {@code slices} recomputed from silver restricted to them, MERGEd into their days' partitions. */
    private static RefreshResult refreshSlices(SparkSession spark, Scratch scratch, TableLocation table,
                                               Inputs inputs, List<Row> slices, RefreshInputs current) {
        if (slices.isEmpty()) {
            // Versions without data changes (e.g. a compaction): nothing to recompute, nothing to commit; the
            // next refresh reads their (empty) changes again with its own.
            return new RefreshResult(table.name(), false, 0, 0, 0, 0, current);
        }
        Object[] days = slices.stream().map(slice -> slice.get(0)).distinct().toArray();
        Dataset<Row> wanted = broadcast(spark.createDataFrame(slices, DailyStoreSales.SLICE_SCHEMA));
        // Each input restricted (days' partitions, then slices) and kept: the aggregation reads each twice.
        Dataset<Row> orders = scratch.keep(inSlices(inputs.orders().where(col(SilverOrdersTable.EVENT_DATE)
                        .isin(days)), wanted, SilverOrdersTable.EVENT_DATE, SilverOrdersTable.STORE_ID,
                SilverOrdersTable.CURRENCY));
        Dataset<Row> lines = scratch.keep(inSlices(inputs.lines().where(col(SilverOrderLinesTable.EVENT_DATE)
                        .isin(days)), wanted, SilverOrderLinesTable.EVENT_DATE, SilverOrderLinesTable.STORE_ID,
                SilverOrderLinesTable.CURRENCY));
        // A return's store is its order's: the day's returns first, then the stores of just their orders.
        Dataset<Row> returns = scratch.keep(inputs.returns().where(col(SilverReturnsTable.EVENT_DATE).isin(days)));
        Dataset<Row> fresh = inSlices(DailyStoreSales.slices(orders, lines, returns,
                inputs.orderStoresOf(returns.select(SilverReturnsTable.ORDER_ID))), wanted, EVENT_DATE, STORE_ID,
                CURRENCY).select(DailyStoreSales.columns());
        List<Row> held = spark.read().format("delta").load(table.path()).where(col(EVENT_DATE).isin(days))
                .select(DailyStoreSales.columns()).collectAsList();
        DailyStoreSales.DaysRewrite rewrite = DailyStoreSales.rewrite(slices, fresh.collectAsList(), held);
        // The days' partitions replaced in one commit: a slice is a few numbers, a day a few hundred rows, so
        // writing them whole costs one small job where a MERGE pays two passes over the target.
        Dataset<Row> rows = spark.createDataFrame(rewrite.rows(), DailyStoreSalesTable.SCHEMA);
        DeltaCommits.writeTagged(spark, table, current.tag(NAME), target -> rows.write().format("delta")
                .mode("overwrite").option("replaceWhere", inDays(days)).save(table.path()));
        return new RefreshResult(table.name(), false, slices.size(), rewrite.inserted(), rewrite.updated(),
                rewrite.deleted(), current);
    }

    /** {@code event_date IN (...)} of the days, as SQL. */
    private static String inDays(Object[] days) {
        return EVENT_DATE + " IN (" + Arrays.stream(days).map(day -> "DATE'" + day + "'")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The rows of {@code rows} in one of the {@code wanted} slices (store null-safe: store-less refunds). */
    private static Dataset<Row> inSlices(Dataset<Row> rows, Dataset<Row> wanted, String date, String store,
                                         String currency) {
        return rows.join(wanted, rows.col(date).equalTo(wanted.col(EVENT_DATE))
                .and(rows.col(store).eqNullSafe(wanted.col(STORE_ID)))
                .and(rows.col(currency).equalTo(wanted.col(CURRENCY))), "left_semi");
    }

    /**
     * Plans a backfill: the table's slices of the days {@code range} touches (whole days: a slice is a day) as
     * they stand now, against the same slices recomputed from silver as it is now. Writes nothing; apply it with
     * {@link #applyBackfill}. A slice left empty is deleted, a new one inserted, a changed one updated.
     */
    public TableRepair.Plan planBackfill(SparkSession spark, EventTimeRange range) {
        TableLocation table = settings.tables().dailyStoreSales();
        DeltaTables.ensure(spark, table, DailyStoreSalesTable.SCHEMA, DailyStoreSalesTable.LAYOUT);
        Dataset<Row> held = spark.read().format("delta")
                .option("versionAsOf", DeltaCommits.currentVersion(spark, table)).load(table.path())
                .where(range.containsDay(EVENT_DATE));
        RefreshInputs current = RefreshInputsReader.current(spark, NAME, List.of(settings.silver().orders(),
                settings.silver().orderLines(), settings.silver().returns()));
        Dataset<Row> orders = at(spark, settings.silver().orders(), current);
        Dataset<Row> fresh = DailyStoreSales.slices(
                orders.where(range.containsDay(SilverOrdersTable.EVENT_DATE)),
                at(spark, settings.silver().orderLines(), current).where(range.containsDay(SilverOrderLinesTable.EVENT_DATE)),
                at(spark, settings.silver().returns(), current).where(range.containsDay(SilverReturnsTable.EVENT_DATE)),
                DailyStoreSales.orderStores(orders));
        return TableRepair.plan(table, held, fresh.select(DailyStoreSales.columns()), DailyStoreSalesTable.KEY,
                List.of(DailyStoreSales.measures()), EVENT_DATE);
    }

    /** Applies a {@link #planBackfill} in one MERGE tagged {@code tag}, reading only the range's days. */
    public void applyBackfill(SparkSession spark, TableRepair.Plan plan, CommitTag.Backfill tag) {
        plan.apply(spark, tag, Optional.of("t." + EVENT_DATE + " BETWEEN DATE'" + tag.range().firstDay()
                + "' AND DATE'" + tag.range().lastDay() + "'"));
    }

    private static Dataset<Row> at(SparkSession spark, TableLocation input, RefreshInputs inputs) {
        return RefreshInputsReader.at(spark, input, inputs);
    }

    /**
     * The slices the silver changes between two refreshes touch, collected (event date, store, currency); empty
     * when a change feed does not reach back that far (turned on later, or vacuumed), so everything is recomputed
     * instead.
     */
    private Optional<List<Row>> changedSlices(SparkSession spark, Scratch scratch, RefreshInputs previous,
                                              RefreshInputs current, Inputs inputs) {
        try {
            // Each change feed read once, just the columns used: Delta plans it per version and file.
            Dataset<Row> orders = scratch.keep(RefreshInputsReader.changes(spark, settings.silver().orders(),
                    previous, current).select(SilverOrdersTable.EVENT_DATE, SilverOrdersTable.STORE_ID, SilverOrdersTable.CURRENCY,
                            SilverOrdersTable.ORDER_ID));
            Dataset<Row> returns = scratch.keep(RefreshInputsReader.changes(spark, settings.silver().returns(),
                    previous, current).select(SilverReturnsTable.EVENT_DATE, SilverReturnsTable.ORDER_ID, SilverReturnsTable.CURRENCY,
                            SilverReturnsTable.REFUND_AMOUNT));
            Dataset<Row> lines = RefreshInputsReader.changes(spark, settings.silver().orderLines(), previous,
                    current).select(SilverOrderLinesTable.EVENT_DATE, SilverOrderLinesTable.STORE_ID,
                            SilverOrderLinesTable.CURRENCY);
            Dataset<Row> orderIds = returns.select(col(SilverReturnsTable.ORDER_ID).as(SilverOrdersTable.ORDER_ID))
                    .union(orders.select(SilverOrdersTable.ORDER_ID));
            return Optional.of(DailyStoreSales.affectedSlices(orders, lines, returns, inputs.returns(),
                    inputs.orderStoresOf(orderIds)).collectAsList());
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
            if (e instanceof AnalysisException) {
                return Optional.empty();
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }
}
