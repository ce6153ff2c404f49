package io.eventlake.devtools.cli;

import io.eventlake.devtools.config.DevSettings;
import io.eventlake.orchestration.cli.CommandContext;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.orchestration.cli.Options;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.bench.AlertFreshnessBenchmark;
import io.eventlake.devtools.bench.BronzeBenchmark;
import io.eventlake.devtools.bench.GoldBenchmark;
import io.eventlake.devtools.bench.MaintenanceBenchmark;
import io.eventlake.devtools.bench.SilverBenchmark;
import io.eventlake.orchestration.config.LakeSettings;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lake bench <target>}: benchmarks that print a ratio against a baseline measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (ratios against a same-run baseline).",
        subcommands = {BenchCommand.Bronze.class, BenchCommand.Silver.class, BenchCommand.Gold.class, BenchCommand.Alerts.class,
                BenchCommand.Quality.class, BenchCommand.Faults.class, BenchCommand.Maintain.class})
final class BenchCommand {

    @Command(name = "bronze", mixinStandardHelpOptions = true,
            description = "Bronze ingest vs a bare Kafka->Delta stream on the same topic; prints events/s and the ratio.")
    static final class Bronze implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--events", paramLabel = "N", defaultValue = "200000", description = "Events in the topic.")
        private long events;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "Measured rounds, alternating which side runs first (the median ratio is reported).")
        private int rounds;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            LakeCommand lake = context.lake();
            new BronzeBenchmark(Options.positive(spec, "--events", events), (int) Options.positive(spec, "--rounds", rounds))
                    .run(settings, context.section(DevSettings.SECTION), ContractRegistry.load(settings.contractsLocation()), lake.sessions(), System.out);
            return LakeCommand.OK;
        }
    }

    @Command(name = "silver", mixinStandardHelpOptions = true,
            description = "silver.orders: a plain append of the conformed rows vs our job (de-duplication and MERGE) "
                    + "on the same pre-filled bronze, at several duplicate rates; prints both times and the ratio.")
    static final class Silver implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--events", paramLabel = "N", defaultValue = "200000",
                description = "Events in bronze per duplicate rate (about a third are orders).")
        private long events;

        @Option(names = "--duplicates", paramLabel = "SHARE", split = ",", defaultValue = "0,0.05,0.3",
                description = "Duplicate rates to measure (shares of events, comma-separated).")
        private List<Double> duplicates;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            LakeCommand lake = context.lake();
            for (double share : duplicates) {
                if (share < 0 || share >= 1) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--duplicates takes shares from 0 (none) to below 1, e.g. 0,0.05,0.3; got " + share);
                }
            }
            new SilverBenchmark(Options.positive(spec, "--events", events), duplicates)
                    .run(settings, context.section(DevSettings.SECTION), ContractRegistry.load(settings.contractsLocation()), lake.sessions(),
                            context.out());
            return LakeCommand.OK;
        }
    }

    @Command(name = "gold", mixinStandardHelpOptions = true,
            description = "daily_store_sales and customer_features: the incremental refresh vs a plain full "
                    + "recompute after one more day + 1 percent late orders, per history size (median of rounds); "
                    + "with --alerts N, then what bench alerts measures.")
    static final class Gold implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--days", paramLabel = "N[,N...]", defaultValue = "10,30,90", split = ",",
                description = "Days of silver history, one measurement per size (default: ${DEFAULT-VALUE}).")
        private List<Long> days;

        @Option(names = "--orders-per-day", paramLabel = "N", defaultValue = "5000", description = "Orders per day.")
        private long ordersPerDay;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
                description = "Timed rounds per size; the median is printed.")
        private long rounds;

        @Option(names = "--alerts", paramLabel = "N", defaultValue = "0",
                description = "Alerts to time end to end afterwards (0, the default, skips it; see bench alerts).")
        private int alerts;

        @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "PT0.5S",
                description = "Micro-batch interval of every query in the freshness run (ISO-8601, e.g. PT1S).")
        private java.time.Duration trigger;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            LakeCommand lake = context.lake();
            java.io.PrintWriter out = context.out();
            List<Integer> sizes = days.stream().map(d -> (int) Options.positive(spec, "--days", d)).sorted()
                    .distinct().toList();
            new GoldBenchmark(sizes, (int) Options.positive(spec, "--orders-per-day", ordersPerDay),
                    (int) Options.positive(spec, "--rounds", rounds)).run(settings, lake.sessions(), out);
            if (alerts > 0) {
                new AlertFreshnessBenchmark(alerts, trigger, java.time.Duration.ofSeconds(1))
                        .run(settings, context.section(DevSettings.SECTION), ContractRegistry.load(settings.contractsLocation()), lake.sessions(), out);
            }
            return LakeCommand.OK;
        }
    }

    @Command(name = "maintain", mixinStandardHelpOptions = true,
            description = "lake maintain on a table of many small micro-batches: files and a reader's query time "
                    + "before and after (median of rounds), and their ratio.")
    static final class Maintain implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--batches", paramLabel = "N", defaultValue = "50", description = "Micro-batches appended.")
        private long batches;

        @Option(names = "--rows-per-batch", paramLabel = "N", defaultValue = "2000", description = "Orders per batch.")
        private long rowsPerBatch;

        @Option(names = "--days", paramLabel = "N", defaultValue = "5", description = "Days (partitions) they span.")
        private long days;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed queries per side.")
        private long rounds;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            new MaintenanceBenchmark((int) Options.positive(spec, "--batches", batches),
                    (int) Options.positive(spec, "--rows-per-batch", rowsPerBatch),
                    (int) Options.positive(spec, "--days", days), (int) Options.positive(spec, "--rounds", rounds))
                    .run(context.settings(), context.lake().sessions(), context.out());
            return LakeCommand.OK;
        }
    }

    @Command(name = "alerts", mixinStandardHelpOptions = true,
            description = "Event-to-alert latency of the fast path while the continuous pipeline runs (median, p95, "
                    + "max; target p95 <= 2 s), then the analytical path's catch-up and the reconciliation.")
    static final class Alerts implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--alerts", paramLabel = "N", defaultValue = "200", description = "Crossings to time.")
        private long alerts;

        @Option(names = "--trigger", paramLabel = "DURATION", defaultValue = "PT1S",
                description = "Micro-batch interval of the pipeline's queries (ISO-8601); the fast path's is "
                        + "eventlake.gold.inventory.fast-path.trigger-interval.")
        private java.time.Duration trigger;

        @Option(names = "--pace", paramLabel = "DURATION", defaultValue = "PT0.25S",
                description = "Time between two timed crossings (ISO-8601).")
        private java.time.Duration pace;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            new AlertFreshnessBenchmark((int) Options.positive(spec, "--alerts", alerts), trigger, pace)
                    .run(settings, context.section(DevSettings.SECTION),
                            ContractRegistry.load(settings.contractsLocation()), context.lake().sessions(),
                            context.out());
            return LakeCommand.OK;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "The quality gate of silver.payments (all its rules, one Deequ run) vs one plain agg of the "
                    + "same measures over the same columns; prints both times and the ratio.")
    static final class Quality implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "2000000", description = "Payments in the table.")
        private long rows;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds (median).")
        private int rounds;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            LakeCommand lake = context.lake();
            new io.eventlake.devtools.bench.QualityBenchmark(Options.positive(spec, "--rows", rows),
                    (int) Options.positive(spec, "--rounds", rounds)).run(settings, lake.sessions(),
                    context.out());
            return LakeCommand.OK;
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true,
            description = "The fault suite: a fuzz corpus, kill -9 of the running pipeline, a second process, the "
                    + "broker down mid-stream, a read-only and a full lake file system (as root); prints per scenario "
                    + "records sent, landed, quarantined, lost and duplicated. Exit 1 when any scenario lost, "
                    + "duplicated or broke something.")
    static final class Faults implements Callable<Integer> {
        @Mixin
        private CommandContext context;

        @Option(names = "--fuzz-events", paramLabel = "N", defaultValue = "10000",
                description = "Mutated events in the fuzz corpus (default: ${DEFAULT-VALUE}).")
        private long fuzzEvents;

        @Option(names = "--kill-events", paramLabel = "N", defaultValue = "3000",
                description = "Generated events in the kill scenario (default: ${DEFAULT-VALUE}).")
        private long killEvents;

        @Option(names = "--kills", paramLabel = "N", defaultValue = "3",
                description = "How often the running pipeline is killed (default: ${DEFAULT-VALUE}).")
        private long kills;

        @Option(names = "--no-file-system", description = "Skip the read-only and full-disk scenarios (they mount "
                + "a tmpfs, which needs root).")
        private boolean noFileSystem;

        @Option(names = "--seed", defaultValue = "7", description = "Seed of the events and kill moments.")
        private long seed;

        @picocli.CommandLine.Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LakeSettings settings = context.settings();
            LakeCommand lake = context.lake();
            io.eventlake.devtools.faults.FaultSuite suite = new io.eventlake.devtools.faults.FaultSuite(
                    new io.eventlake.devtools.faults.FaultSuite.Settings(
                            (int) Options.positive(spec, "--fuzz-events", fuzzEvents),
                            (int) Options.positive(spec, "--kill-events", killEvents),
                            (int) Options.positive(spec, "--kills", kills), noFileSystem
                                    ? java.util.EnumSet.complementOf(java.util.EnumSet.of(
                                            io.eventlake.devtools.faults.FaultSuite.Scenario.FILE_SYSTEM))
                                    : java.util.EnumSet.allOf(io.eventlake.devtools.faults.FaultSuite.Scenario.class),
                            seed),
                    settings, context.section(DevSettings.SECTION), ContractRegistry.load(settings.contractsLocation()),
                    context.asArguments(), System.out);
            boolean clean = suite.run(lake.sessions()).stream()
                    .allMatch(io.eventlake.devtools.faults.FaultOutcome::clean);
            return clean ? LakeCommand.OK : LakeCommand.FAILED;
        }
    }
}
