package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;

import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.RefreshInputs;
import io.eventlake.gold.RefreshInputsReader;
import io.eventlake.gold.RefreshResult;
import io.eventlake.gold.Scratch;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableRepair;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Refreshes {@link CustomerFeaturesTable} from {@code silver.orders} and {@code silver.returns}.
 *
 * <p>Input: silver pinned at its current versions, and its change data feed since the versions the last refresh
 * recorded. Incremental: only the rows a change can alter are recomputed and MERGEd, in one commit: each changed
 * customer's from the day after its earliest changed activity, and, when the last order of all moved, every
 * customer's newest dates (which enter or leave each grid). A customer's rows are recomputed from that
 * customer's activity alone. Full (first refresh, a change feed that no longer reaches back, more than
 * {@link #MAX_INCREMENTAL_CUSTOMERS} customers changed in the past, or asked for): the whole table rewritten.
 *
 * <p>Idempotent: the table is a pure function of the input versions, which each commit records; a refresh with
 * no new silver versions does nothing.
 */
public final class CustomerFeaturesJob {
    public static final String NAME = "gold.customer_features";
    /** Where the exchange rates are configured (named in errors). */
    public static final String RATES_KEY = "eventlake.gold.features.exchange-rates";

    /** Past this many customers whose changes reach back before the newest dates, a rewrite is cheaper. */
    static final int MAX_INCREMENTAL_CUSTOMERS = 20_000;

    private final GoldSettings settings;

    public CustomerFeaturesJob(GoldSettings settings) {
        this.settings = settings;
    }

    /**
     * Plans a backfill: the table's rows of the feature dates {@code range} touches as they stand now, against the
     * same rows computed from silver as it is now. Writes nothing; apply it with {@link #applyBackfill}.
     */
    public TableRepair.Plan planBackfill(SparkSession spark, EventTimeRange range) {
        TableLocation table = settings.tables().customerFeatures();
        DeltaTables.ensure(spark, table, CustomerFeaturesTable.SCHEMA, CustomerFeaturesTable.LAYOUT);
        Dataset<Row> held = spark.read().format("delta")
                .option("versionAsOf", DeltaCommits.currentVersion(spark, table)).load(table.path())
                .where(range.containsDay(CustomerFeaturesTable.FEATURE_DATE));
        RefreshInputs current = RefreshInputsReader.current(spark, NAME, List.of(settings.silver().orders(),
                settings.silver().returns()));
        Dataset<Row> placed = RefreshInputsReader.at(spark, settings.silver().orders(), current);
        requirePriced(placed);
        Dataset<Row> fresh = CustomerFeatures.features(CustomerFeatures.activity(placed,
                        RefreshInputsReader.at(spark, settings.silver().returns(), current), settings.features()))
                .where(range.containsDay(CustomerFeaturesTable.FEATURE_DATE));
        List<String> compared = java.util.Arrays.stream(CustomerFeaturesTable.SCHEMA.fieldNames())
                .filter(c -> !CustomerFeaturesTable.KEY.contains(c)).toList();
        return TableRepair.plan(table, held, fresh, CustomerFeaturesTable.KEY, compared,
                CustomerFeaturesTable.FEATURE_DATE);
    }

    /** Applies a {@link #planBackfill} in one MERGE tagged {@code tag}, reading only the range's dates. */
    public void applyBackfill(SparkSession spark, TableRepair.Plan plan, CommitTag.Backfill tag) {
        plan.apply(spark, tag, Optional.of("t." + CustomerFeaturesTable.FEATURE_DATE + " BETWEEN DATE'"
                + tag.range().firstDay() + "' AND DATE'" + tag.range().lastDay() + "'"));
    }

    private void requirePriced(Dataset<Row> placed) {
        List<String> unpriced = placed.select(SilverOrdersTable.CURRENCY).distinct().as(Encoders.STRING())
                .collectAsList().stream().filter(c -> settings.features().rate(c) == null).sorted().toList();
        if (!unpriced.isEmpty()) {
            throw LakeErrors.exchangeRateMissing(unpriced, settings.features().reportingCurrency(), RATES_KEY);
        }
    }

    /** Brings the table up to date with silver; {@code full} rewrites it even when silver has not changed. */
    public RefreshResult refresh(SparkSession spark, boolean full) {
        TableLocation table = settings.tables().customerFeatures();
        RefreshInputs current = RefreshInputsReader.current(spark, NAME, List.of(settings.silver().orders(),
                settings.silver().returns()));
        DeltaTables.ensure(spark, table, CustomerFeaturesTable.SCHEMA, CustomerFeaturesTable.LAYOUT);
        Optional<RefreshInputs> last = full ? Optional.empty()
                : RefreshInputsReader.last(spark, NAME, table, current);
        if (last.isPresent() && last.get().equals(current)) {
            return new RefreshResult(table.name(), false, 0, 0, 0, 0, current);
        }
        Dataset<Row> orders = RefreshInputsReader.at(spark, settings.silver().orders(), current);
        Dataset<Row> returns = RefreshInputsReader.at(spark, settings.silver().returns(), current);
        try (Scratch scratch = new Scratch()) {
            Optional<RefreshResult> incremental = last.flatMap(previous -> region(spark, scratch, table, previous,
                    current, orders, returns)).map(region -> refreshRegion(spark, scratch, table, region, orders,
                    returns, current));
            return incremental.orElseGet(() -> rewrite(spark, table, orders, returns, current));
        }
    }

    /**
     * The feature rows a change can alter: every customer's from {@code allFrom} on (the last order of all moved,
     * so the newest dates enter or leave every grid), and each listed customer's from the day after its earliest
     * changed activity.
     *
     * @param lastOrder      the last order date of all, now
     * @param allFrom        the first date every customer's rows may change from; empty when none may
     * @param customersFrom  customers whose rows change from an earlier date, by that date
     */
    private record Region(LocalDate lastOrder, Optional<LocalDate> allFrom,
                          Map<LocalDate, List<String>> customersFrom) {
        Column contains() {
            return CustomerFeatures.inRegion(allFrom, customersFrom);
        }

        /** The earliest date of the region: Delta reads the target's partitions from it on. */
        LocalDate firstDate() {
            return java.util.stream.Stream.concat(allFrom.stream(), customersFrom.keySet().stream())
                    .min(LocalDate::compareTo).orElse(lastOrder.plusDays(1));
        }

        boolean everyCustomer() {
            return allFrom.isPresent();
        }
    }

    /**
     * The region the silver changes since {@code previous} touch; empty (rewrite instead) when the change feed
     * does not reach back, the table holds nothing yet, or too many customers changed in the past.
     */
    private Optional<Region> region(SparkSession spark, Scratch scratch, TableLocation table,
                                    RefreshInputs previous, RefreshInputs current, Dataset<Row> orders,
                                    Dataset<Row> returns) {
        Dataset<Row> changed;
        try {
            Dataset<Row> changedOrders = scratch.keep(RefreshInputsReader.changes(spark, settings.silver().orders(),
                    previous, current).select(SilverOrdersTable.ORDER_ID, SilverOrdersTable.CUSTOMER_ID, SilverOrdersTable.OCCURRED_AT,
                            SilverOrdersTable.CURRENCY));
            Dataset<Row> changedReturns = RefreshInputsReader.changes(spark, settings.silver().returns(), previous,
                    current).select(SilverReturnsTable.ORDER_ID, SilverReturnsTable.OCCURRED_AT);
            requirePriced(changedOrders);
            // A return counts for its order's customer: the changed returns, and the returns of changed orders.
            Dataset<Row> customerOf = orders.join(broadcast(changedReturns.select(SilverReturnsTable.ORDER_ID)
                            .distinct()), SilverOrdersTable.ORDER_ID, "left_semi")
                    .groupBy(SilverOrdersTable.ORDER_ID)
                    .agg(min(col(SilverOrdersTable.CUSTOMER_ID)).as(SilverOrdersTable.CUSTOMER_ID));
            Dataset<Row> returnsOfChangedOrders = returns.join(broadcast(changedOrders.select(
                    SilverOrdersTable.ORDER_ID).distinct()), SilverReturnsTable.ORDER_ID, "left_semi")
                    .join(changedOrders.select(SilverOrdersTable.ORDER_ID, SilverOrdersTable.CUSTOMER_ID).distinct(),
                            SilverReturnsTable.ORDER_ID)
                    .select(col(SilverOrdersTable.CUSTOMER_ID), col(SilverReturnsTable.OCCURRED_AT));
            changed = changedOrders.select(SilverOrdersTable.CUSTOMER_ID, SilverOrdersTable.OCCURRED_AT)
                    .union(changedReturns.join(customerOf, SilverReturnsTable.ORDER_ID)
                            .select(col(SilverOrdersTable.CUSTOMER_ID), col(SilverReturnsTable.OCCURRED_AT)))
                    .union(returnsOfChangedOrders)
                    .groupBy(SilverOrdersTable.CUSTOMER_ID)
                    .agg(date_add(min(to_date(col(SilverOrdersTable.OCCURRED_AT))), 1).as(FROM));
            changed = scratch.keep(changed);
            changed.count();
        } catch (Exception e) { // Spark throws its checked AnalysisException undeclared
            if (e instanceof AnalysisException) {
                return Optional.empty();
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        Row dates = spark.read().format("delta").load(table.path())
                .agg(max(col(CustomerFeaturesTable.FEATURE_DATE))).first();
        Optional<LocalDate> lastOrderNow = CustomerFeatures.lastOrderDate(orders.select(
                lit(CustomerFeatureDefinitions.ORDER).as(CustomerFeatureDefinitions.KIND),
                col(SilverOrdersTable.OCCURRED_AT).as(CustomerFeatureDefinitions.OCCURRED_AT)));
        if (dates.isNullAt(0) || lastOrderNow.isEmpty()) {
            return Optional.empty(); // nothing held yet, or nothing to hold: a rewrite is exact and cheap
        }
        // The newest feature date is the day after the last order of all (that customer's grid ends there).
        LocalDate lastOrderBefore = dates.getDate(0).toLocalDate().minusDays(1);
        LocalDate lastOrder = lastOrderNow.get();
        Optional<LocalDate> allFrom = lastOrder.equals(lastOrderBefore) ? Optional.empty()
                : Optional.of((lastOrder.isBefore(lastOrderBefore) ? lastOrder : lastOrderBefore).plusDays(2));
        Dataset<Row> byCustomer = changed;
        Dataset<Row> earlier = allFrom.map(day -> byCustomer.where(col(FROM).lt(lit(java.sql.Date.valueOf(day)))))
                .orElse(byCustomer);
        List<Row> customers = earlier.limit(MAX_INCREMENTAL_CUSTOMERS + 1).collectAsList();
        if (customers.size() > MAX_INCREMENTAL_CUSTOMERS) {
            return Optional.empty();
        }
        Map<LocalDate, List<String>> byDate = new TreeMap<>();
        for (Row row : customers) {
            byDate.computeIfAbsent(row.getDate(1).toLocalDate(), day -> new ArrayList<>()).add(row.getString(0));
        }
        return Optional.of(new Region(lastOrder, allFrom, byDate));
    }

    /** The region's rows recomputed and MERGEd: changed ones updated, new ones inserted, vanished ones deleted. */
    private RefreshResult refreshRegion(SparkSession spark, Scratch scratch, TableLocation table, Region region,
                                        Dataset<Row> orders, Dataset<Row> returns, RefreshInputs current) {
        Dataset<Row> activity = CustomerFeatures.activity(orders, returns, settings.features());
        if (!region.everyCustomer()) {
            // Only the listed customers' rows change: only their activity is read.
            List<String> customers = region.customersFrom().values().stream().flatMap(List::stream).toList();
            activity = activity.where(col(CustomerFeaturesTable.CUSTOMER_ID).isin(customers.toArray()));
        }
        activity = scratch.keep(activity);
        Dataset<Row> fresh = scratch.keep(CustomerFeatures.features(CustomerFeatures.grid(activity,
                region.lastOrder()).where(region.contains()), activity));
        Dataset<Row> held = spark.read().format("delta").load(table.path())
                .where(col(CustomerFeaturesTable.FEATURE_DATE).geq(lit(java.sql.Date.valueOf(region.firstDate()))))
                .where(region.contains()).select(CustomerFeaturesTable.CUSTOMER_ID, CustomerFeaturesTable.FEATURE_DATE);
        // The source: every fresh row, and a tombstone for each held row of the region no longer in the grid.
        Dataset<Row> gone = held.join(fresh, JavaConverters.asScalaBuffer(CustomerFeaturesTable.KEY).toSeq(),
                "left_anti").withColumn(GONE, lit(true));
        Dataset<Row> source = scratch.keep(fresh.withColumn(GONE, lit(false)).unionByName(gone, true));
        long recomputed = source.count();
        Map<String, Long> merged = merge(spark, table, source, region.firstDate(), current.tag(NAME));
        return new RefreshResult(table.name(), false, recomputed,
                merged.getOrDefault("numTargetRowsInserted", 0L), merged.getOrDefault("numTargetRowsUpdated", 0L),
                merged.getOrDefault("numTargetRowsDeleted", 0L), current);
    }

    /** Whether a source row of a MERGE is a tombstone. */
    private static final String GONE = "_gone";
    /** The first feature date a changed customer's rows change from. */
    private static final String FROM = "_from";

    private static Map<String, Long> merge(SparkSession spark, TableLocation table, Dataset<Row> source,
                                           LocalDate firstDate, CommitTag tag) {
        String key = "t." + CustomerFeaturesTable.FEATURE_DATE + " >= DATE'" + firstDate + "' AND t."
                + CustomerFeaturesTable.CUSTOMER_ID + " = s." + CustomerFeaturesTable.CUSTOMER_ID + " AND t."
                + CustomerFeaturesTable.FEATURE_DATE + " = s." + CustomerFeaturesTable.FEATURE_DATE;
        List<String> features = java.util.Arrays.stream(CustomerFeaturesTable.SCHEMA.fieldNames())
                .filter(c -> !CustomerFeaturesTable.KEY.contains(c)).toList();
        String changed = features.stream().map(f -> "NOT (t." + f + " <=> s." + f + ")")
                .collect(java.util.stream.Collectors.joining(" OR "));
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String column : CustomerFeaturesTable.SCHEMA.fieldNames()) {
            values.put(column, "s." + column);
        }
        return DeltaCommits.writeTagged(spark, table, tag, target -> target.as("t")
                .merge(source.as("s"), key)
                .whenMatched("s." + GONE).delete()
                .whenMatched(changed).updateExpr(values)
                .whenNotMatched("NOT s." + GONE).insertExpr(values)
                .execute());
    }

    /** The whole table rewritten from silver in one commit. */
    private RefreshResult rewrite(SparkSession spark, TableLocation table, Dataset<Row> orders,
                                  Dataset<Row> returns, RefreshInputs current) {
        requirePriced(orders);
        Dataset<Row> features = CustomerFeatures.features(CustomerFeatures.activity(orders, returns,
                settings.features()));
        Map<String, Long> written = DeltaCommits.writeTagged(spark, table, current.tag(NAME),
                target -> features.write().format("delta").mode("overwrite").save(table.path()));
        long rows = written.getOrDefault("numOutputRows", 0L);
        return new RefreshResult(table.name(), true, rows, rows, 0, 0, current);
    }
}
