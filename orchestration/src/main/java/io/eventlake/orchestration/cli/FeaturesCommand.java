package io.eventlake.orchestration.cli;

import io.eventlake.gold.features.TrainingSetBuilder;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.maintain.Pins;
import io.eventlake.orchestration.maintain.PinsTable;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
            SparkSession spark = context.session(List.of(PinsTable.SPEC));
            TrainingSetBuilder.Result result = new TrainingSetBuilder(settings.gold().tables().customerFeatures())
                    .build(spark, labels, out, asOf);
            // the lake versions it read stay readable, so --as-of-versions rebuilds it after any VACUUM
            List<Pins.Pin> pins = result.versions().entrySet().stream()
                    .filter(read -> settings.tables().containsKey(read.getKey()))
                    .map(read -> Pins.now(spark, read.getKey(), read.getValue(), "training set " + out,
                            Pins.BY_TRAINING_SET)).toList();
            settings.pins().pin(spark, pins);
            PrintWriter writer = context.out();
            writer.printf("training set at %s: %d labels, %d without features before them%n", out, result.rows(),
                    result.withoutFeatures());
            writer.printf("read %s%s%n", result.versions(),
                    result.labelsSha256() == null ? "" : ", labels file sha256 " + result.labelsSha256());
            writer.println("rebuild it with: " + result.asOfVersions());
            pins.forEach(pin -> writer.printf("pinned version %d of %s (./lake unpin %s --version %d when the set is "
                    + "no longer needed)%n", pin.version(), pin.table(), pin.table(), pin.version()));
            writer.flush();
            return LakeCommand.OK;
        }
    }
}
