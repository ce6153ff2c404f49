package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.col;

import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.GoldSettings;
import io.eventlake.gold.RefreshInputs;
import io.eventlake.gold.RefreshInputsReader;
import io.eventlake.gold.RefreshResult;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.EventTimeRange;
import io.eventlake.table.TableRepair;
import io.eventlake.table.TableLocation;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Refreshes {@link CustomerFeaturesTable} from {@code silver.orders} and {@code silver.returns}.
 *
 * <p>Input: silver pinned at its current versions. Output: the whole table rewritten in one commit (a pure
 * function of those versions, which the commit records), skipped when silver has not changed since the last
 * refresh. Idempotent: the same input versions give the identical table.
 */
public final class CustomerFeaturesJob {
    public static final String NAME = "gold.customer_features";
    /** Where the exchange rates are configured (named in errors). */
    public static final String RATES_KEY = "eventlake.gold.features.exchange-rates";

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
        TableLocation orders = settings.silver().orders();
        TableLocation returns = settings.silver().returns();
        RefreshInputs current = RefreshInputsReader.current(spark, NAME, List.of(orders, returns));
        DeltaTables.ensure(spark, table, CustomerFeaturesTable.SCHEMA, CustomerFeaturesTable.LAYOUT);
        Optional<RefreshInputs> last = RefreshInputsReader.last(spark, NAME, table, current);
        if (!full && last.isPresent() && last.get().equals(current)) {
            return new RefreshResult(table.name(), false, 0, 0, 0, 0, current);
        }
        Dataset<Row> placed = RefreshInputsReader.at(spark, orders, current);
        requirePriced(placed);
        Dataset<Row> features = CustomerFeatures.features(CustomerFeatures.activity(placed,
                RefreshInputsReader.at(spark, returns, current), settings.features()));
        features.write().format("delta").mode("overwrite")
                .option("userMetadata", DeltaCommits.metadata(spark, current.tag(NAME)))
                .save(table.path());
        long rows = spark.read().format("delta").load(table.path()).count();
        long dates = spark.read().format("delta").load(table.path()).select(col(CustomerFeaturesTable.FEATURE_DATE))
                .distinct().count();
        return new RefreshResult(table.name(), true, dates, rows, 0, 0, current);
    }
}
