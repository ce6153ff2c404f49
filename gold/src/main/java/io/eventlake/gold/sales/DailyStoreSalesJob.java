package io.eventlake.gold.sales;

import static io.eventlake.gold.sales.DailyStoreSalesTable.CURRENCY;
import static io.eventlake.gold.sales.DailyStoreSalesTable.EVENT_DATE;
import static io.eventlake.gold.sales.DailyStoreSalesTable.ORDERS;
import static io.eventlake.gold.sales.DailyStoreSalesTable.STORE_ID;
import static org.apache.spark.sql.functions.col;

import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.RefreshInputs;
import io.eventlake.gold.RefreshInputsReader;
import io.eventlake.gold.RefreshResult;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableRepair;
import io.eventlake.table.TableLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Refreshes {@link DailyStoreSalesTable} from {@code silver.orders}, {@code silver.order_lines} and
 * {@code silver.returns}.
 *
 * <p>Incremental: reads the silver change data feed since the versions the last refresh recorded in its commit
 * ({@link RefreshInputs}), recomputes only the slices those changes touch ({@link DailyStoreSales#affectedSlices})
 * from silver pinned at the versions read now, and MERGEs exactly those slices: changed rows updated, new ones
 * inserted, emptied ones deleted, untouched ones left alone. A late event therefore corrects its own past day.
 * Full: the same over every slice (first refresh, a change feed that no longer reaches back, or asked for).
 *
 * <p>Idempotent: the input versions are committed with the data, so a refresh with no new silver versions does
 * nothing, and a crash before the commit leaves the last one in force.
 */
public final class DailyStoreSalesJob {
    public static final String NAME = "gold.daily_store_sales";

    private final GoldSettings settings;

    public DailyStoreSalesJob(GoldSettings settings) {
        this.settings = settings;
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
        Dataset<Row> orders = at(spark, settings.silver().orders(), current);
        Dataset<Row> lines = at(spark, settings.silver().orderLines(), current);
        Dataset<Row> returns = at(spark, settings.silver().returns(), current);
        Dataset<Row> orderStores = DailyStoreSales.orderStores(orders).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> affected = null;
        try {
            Optional<Dataset<Row>> changed = last.flatMap(previous -> changedSlices(spark, previous, current,
                    returns, orderStores));
            boolean all = changed.isEmpty();
            affected = changed.orElseGet(() -> DailyStoreSales.slices(orders, lines, returns, orderStores)
                    .select(KEY).union(spark.read().format("delta").load(table.path()).select(KEY)).distinct()
                    .persist(StorageLevel.MEMORY_AND_DISK()));
            long slices = affected.count();
            Object[] days = affected.select(EVENT_DATE).distinct().as(Encoders.DATE()).collectAsList().toArray();
            Dataset<Row> fresh = DailyStoreSales.slices(
                    orders.where(col(SilverOrdersTable.EVENT_DATE).isin(days)),
                    lines.where(col(SilverOrderLinesTable.EVENT_DATE).isin(days)),
                    returns.where(col(SilverReturnsTable.EVENT_DATE).isin(days)), orderStores);
            // Materialized once: a MERGE reads its source twice (find the touched files, then write).
            Dataset<Row> replacements = replacements(affected, fresh).persist(StorageLevel.MEMORY_AND_DISK());
            replacements.count();
            Map<String, Long> merged;
            try {
                merged = merge(spark, table, replacements, current.tag(NAME));
            } finally {
                replacements.unpersist(false);
            }
            return new RefreshResult(table.name(), all, slices, merged.getOrDefault("numTargetRowsInserted", 0L),
                    merged.getOrDefault("numTargetRowsUpdated", 0L), merged.getOrDefault("numTargetRowsDeleted", 0L),
                    current);
        } finally {
            orderStores.unpersist(false);
            if (affected != null) {
                affected.unpersist(false);
            }
        }
    }

    private static final Column[] KEY = {col(EVENT_DATE), col(STORE_ID), col(CURRENCY)};

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
        return TableRepair.plan(table, held, fresh.select(Arrays.stream(DailyStoreSalesTable.SCHEMA.fieldNames())
                        .map(c -> col(c)).toArray(Column[]::new)), DailyStoreSalesTable.KEY,
                List.of(DailyStoreSales.measures()), EVENT_DATE);
    }

    /** Applies a {@link #planBackfill} in one MERGE tagged {@code tag}, reading only the range's days. */
    public void applyBackfill(SparkSession spark, TableRepair.Plan plan, CommitTag.Backfill tag) {
        plan.apply(spark, tag, Optional.of("t." + EVENT_DATE + " BETWEEN DATE'" + tag.range().firstDay()
                + "' AND DATE'" + tag.range().lastDay() + "'"));
    }

    /**
     * One row per affected slice: its key, and its fresh measures, or null measures when the slice is now empty
     * (the MERGE deletes it).
     */
    static Dataset<Row> replacements(Dataset<Row> affected, Dataset<Row> fresh) {
        List<Column> columns = new ArrayList<>();
        for (String key : DailyStoreSalesTable.KEY) {
            columns.add(col("a." + key).as(key));
        }
        for (String measure : DailyStoreSales.measures()) {
            columns.add(col("f." + measure).as(measure));
        }
        Column sameSlice = col("a." + EVENT_DATE).equalTo(col("f." + EVENT_DATE))
                .and(col("a." + STORE_ID).eqNullSafe(col("f." + STORE_ID)))
                .and(col("a." + CURRENCY).equalTo(col("f." + CURRENCY)));
        return affected.as("a").join(fresh.as("f"), sameSlice, "left").select(columns.toArray(Column[]::new));
    }

    /** Replaces the slices: changed rows updated, new ones inserted, emptied ones deleted; one tagged commit. */
    private static Map<String, Long> merge(SparkSession spark, TableLocation table, Dataset<Row> replacements,
                                           CommitTag tag) {
        String sameSlice = "t." + EVENT_DATE + " = s." + EVENT_DATE + " AND t." + STORE_ID + " <=> s." + STORE_ID
                + " AND t." + CURRENCY + " = s." + CURRENCY;
        String changed = Arrays.stream(DailyStoreSales.measures()).map(m -> "NOT (t." + m + " <=> s." + m + ")")
                .collect(Collectors.joining(" OR "));
        return DeltaCommits.writeTagged(spark, table, tag, target -> target.as("t")
                .merge(replacements.as("s"), sameSlice)
                .whenMatched("s." + ORDERS + " IS NULL").delete()
                .whenMatched(changed).updateAll()
                .whenNotMatched("s." + ORDERS + " IS NOT NULL").insertAll()
                .execute());
    }

    private static Dataset<Row> at(SparkSession spark, TableLocation input, RefreshInputs inputs) {
        return RefreshInputsReader.at(spark, input, inputs);
    }

    /**
     * The slices the silver changes between two refreshes touch, computed now (persisted); empty when a change
     * feed does not reach back that far (turned on later, or vacuumed), so everything is recomputed instead.
     */
    private Optional<Dataset<Row>> changedSlices(SparkSession spark, RefreshInputs previous, RefreshInputs current,
                                                 Dataset<Row> allReturns, Dataset<Row> orderStores) {
        Dataset<Row> slices = DailyStoreSales.affectedSlices(
                changes(spark, settings.silver().orders(), previous, current),
                changes(spark, settings.silver().orderLines(), previous, current),
                changes(spark, settings.silver().returns(), previous, current), allReturns, orderStores)
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            slices.count();
            return Optional.of(slices);
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
            slices.unpersist(false);
            if (e instanceof AnalysisException) {
                return Optional.empty();
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    /** The rows of {@code input} changed after the previous refresh, up to the current one (every change kind). */
    private static Dataset<Row> changes(SparkSession spark, TableLocation input, RefreshInputs previous,
                                        RefreshInputs current) {
        long from = previous.version(input.name()).orElseThrow() + 1;
        long to = current.version(input.name()).orElseThrow();
        if (from > to) {
            return at(spark, input, current).limit(0);
        }
        return spark.read().format("delta").option("readChangeFeed", "true")
                .option("startingVersion", from).option("endingVersion", to).load(input.path());
    }
}
