package io.eventlake.orchestration.cli;

import io.eventlake.gold.features.TrainingSetBuilder;
import io.eventlake.orchestration.config.LakeSettings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lake features ...}: the ML side of gold. */
@Command(name = "features", mixinStandardHelpOptions = true, description = "Customer features for ML.",
        subcommands = {FeaturesCommand.TrainingSetCommand.class})
final class FeaturesCommand {

    /** {@code lake features training-set}. */
    @Command(name = "training-set", mixinStandardHelpOptions = true,
            description = "Join labels (customer_id, label_time, label) to the latest customer features strictly "
                    + "before each label; records the versions read so --as-of-versions rebuilds the same set.")
    static final class TrainingSetCommand implements Callable<Integer> {
        @ParentCommand
        private FeaturesCommand features;
        @Mixin
        private CommandContext context;

        @Option(names = "--labels", required = true, paramLabel = "TABLE|PATH",
                description = "A table name, a Delta table path, or a CSV file with the header "
                        + "customer_id,label_time,label.")
        private String labels;

        @Option(names = "--out", required = true, paramLabel = "PATH",
                description = "Where to write the training set (a Delta table, replaced).")
        private String out;

        @Option(names = "--as-of-versions", split = ",", paramLabel = "TABLE=VERSION",
                description = "Read these versions instead of the current ones, as printed by an earlier build, "
                        + "e.g. gold.customer_features=12,labels=3.")
        private Map<String, Long> asOf = new LinkedHashMap<>();

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            TrainingSetBuilder.Result result = new TrainingSetBuilder(settings.gold().tables().customerFeatures())
                    .build(context.session(), labels, out, asOf);
            PrintWriter writer = context.out();
            writer.printf("training set at %s: %d labels, %d without features before them%n", out, result.rows(),
                    result.withoutFeatures());
            writer.printf("read %s%s%n", result.versions(),
                    result.labelsSha256() == null ? "" : ", labels file sha256 " + result.labelsSha256());
            writer.println("rebuild it with: " + result.asOfVersions());
            writer.flush();
            return LakeCommand.OK;
        }
    }
}
