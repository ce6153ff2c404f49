package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.runs.Run;
import io.eventlake.stream.StreamMode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.runs.SilverReconciliation;
import io.eventlake.silver.SilverContext;
import io.eventlake.silver.SilverLayer;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.pii.PiiTokenizer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lake silver}: every silver job, continuous or available-now. */
@Command(name = "silver", mixinStandardHelpOptions = true,
        description = "Stream bronze.events into the silver tables (orders, order lines, payments, returns, "
                + "inventory movements, customers SCD2 and SCD1): conformed, de-duplicated, personal fields "
                + "tokenized with the key in " + PiiTokenizer.KEY_VARIABLE + "; non-conforming records into "
                + "silver.quarantine.")
final class SilverCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Mixin
    private CommandContext context;

    @Mixin
    private RunIdOption runId;

    @Mixin
    private RunModeOptions runMode;

    @Override
    public Integer call() {
        LakeSettings settings = context.settings();
        SilverLayer silver = layer(settings, ContractRegistry.load(settings.contractsLocation()), lake.environment());
        SparkSession spark = context.session(SilverLayer.TABLES);
        PrintWriter out = context.out();
        context.run(spark, "silver", runMode.mode().configName(), runId.id(), run -> {
            context.metrics().observe(silver.metrics());
            if (runMode.mode() == StreamMode.AVAILABLE_NOW) {
                try {
                    silver.runAvailableNow(spark);
                } finally {
                    counts(run, silver.metrics());
                }
                requireReconciled(print(out, spark, settings, silver.metrics()));
                return;
            }
            List<StreamingQuery> queries = silver.startContinuous(spark);
            out.printf("silver running (%d jobs, a batch every %d ms); stop with Ctrl-C%n", queries.size(),
                    settings.silver().triggerInterval().toMillis());
            out.flush();
            ContinuousRun.run(queries, () -> silver.awaitAny(queries), () -> {
                counts(run, silver.metrics());
                print(out, spark, settings, silver.metrics());
                run.finish();
            });
        });
        return LakeCommand.OK;
    }

    /** The silver layer, its personal-data key from {@code environment}: refuses to build without one. */
    static SilverLayer layer(LakeSettings settings, ContractRegistry contracts, Map<String, String> environment) {
        return new SilverLayer(new SilverContext(settings.silver(), contracts,
                PiiTokenizer.fromEnvironment(environment), new SilverRunMetrics(), settings.qualityGates()));
    }

    /** Hands the silver jobs' duplicates and quarantined counts to the run record. */
    static void counts(Run run, SilverRunMetrics metrics) {
        metrics.all().forEach((job, totals) -> run.counts(job, totals.duplicates(), totals.quarantined()));
    }

    /**
     * What this run did per job, then the tables reconciled with bronze.
     *
     * @return the lines of the tables that do not add up (empty when all do)
     */
    static List<String> print(PrintWriter out, SparkSession spark, LakeSettings settings, SilverRunMetrics metrics) {
        out.println("silver run:");
        metrics.all().forEach((job, totals) -> out.printf("  %-27s %s%n", job, totals));
        out.println("silver tables against bronze:");
        List<String> mismatches = new java.util.ArrayList<>();
        for (SilverReconciliation table : SilverReconciliation.all(spark, settings.silver())) {
            out.print("  " + table.render());
            if (!table.addsUp()) {
                mismatches.add(table.render().trim());
            }
        }
        out.flush();
        return mismatches;
    }

    /** A table that does not add up fails the command (exit 1): a record went missing or was counted twice. */
    static void requireReconciled(List<String> mismatches) {
        if (!mismatches.isEmpty()) {
            throw LakeErrors.reconciliationFailed(mismatches);
        }
    }
}
