package io.eventlake.orchestration.cli;

import io.eventlake.bronze.Queries;
import io.eventlake.bronze.StreamMode;
import io.eventlake.bronze.contract.ContractRegistry;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.demo.SilverReconciliation;
import io.eventlake.silver.SilverPaymentsJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lake silver}: the silver jobs (so far silver.payments), continuous or available-now. */
@Command(name = "silver", mixinStandardHelpOptions = true,
        description = "Stream bronze.events into the silver tables (so far silver.payments): conformed, "
                + "de-duplicated, exactly once; non-conforming records into silver.quarantine.")
final class SilverCommand implements Callable<Integer> {
    @ParentCommand
    private LakeCommand lake;
    @Spec
    private CommandSpec spec;
    @Mixin
    private ConfigOptions config;

    @Mixin
    private RunModeOptions runMode;

    @Override
    public Integer call() {
        LakeSettings settings = config.load();
        SilverPaymentsJob job = new SilverPaymentsJob(settings.silver(), settings.silverPayments(),
                ContractRegistry.load(settings.contractsLocation()));
        SparkSession spark = lake.session(settings);
        PrintWriter out = spec.commandLine().getOut();
        String checkpoint = settings.silver().checkpoint(SilverPaymentsJob.NAME);
        StreamingQuery query = job.start(spark, runMode.mode());
        Runnable summary = () -> {
            out.print(SilverReconciliation.payments(spark, settings.silver(), settings.silverPayments()).render());
            out.flush();
        };
        if (runMode.mode() == StreamMode.AVAILABLE_NOW) {
            Queries.await(query, SilverPaymentsJob.NAME, checkpoint);
            summary.run();
            return LakeCommand.OK;
        }
        out.printf("silver running (a batch every %d ms); stop with Ctrl-C%n",
                settings.silver().triggerInterval().toMillis());
        out.flush();
        ContinuousRun.run(List.of(query), () -> Queries.await(query, SilverPaymentsJob.NAME, checkpoint), summary);
        return LakeCommand.OK;
    }
}
