package io.eventlake.orchestration.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.contracts.validate.EventTimeWindow;
import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeErrors;
import io.eventlake.gold.features.FeatureSettings;
import io.eventlake.errors.LakeException;
import io.eventlake.bronze.BronzeLayer;
import io.eventlake.gold.GoldLayer;
import io.eventlake.orchestration.maintain.MaintenanceSettings;
import io.eventlake.orchestration.maintain.PinsTable;
import io.eventlake.orchestration.metrics.MetricsSettings;
import io.eventlake.orchestration.metrics.RunMetricsTable;
import io.eventlake.orchestration.runs.RunsTable;
import io.eventlake.quality.GateResultsTable;
import io.eventlake.silver.SilverLayer;
import io.eventlake.table.LakeCatalog;
import io.eventlake.table.ReaderCompatibility;
import io.eventlake.table.TableLocation;
import io.eventlake.table.TableSpec;
import java.util.LinkedHashMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Loads the layered HOCON configuration once and reads it into {@link LakeSettings}. */
public final class LakeConfig {
    /** Where the jar keeps its copies of conf/application.conf and conf/env/. */
    static final String RESOURCE_ROOT = "eventlake-conf/";
    private static final Set<String> RESERVED_KAFKA_OPTIONS =
            Set.of("failOnDataLoss", "subscribe", "subscribePattern", "assign", "kafka.bootstrap.servers",
                    "startingOffsets", "maxOffsetsPerTrigger", "includeHeaders");
    private static final String RESERVED_KAFKA_OPTIONS_SET_BY = "eventlake.kafka.bootstrap-servers, "
            + "eventlake.kafka.topics, eventlake.kafka.starting-offsets and eventlake.kafka.max-offsets-per-trigger";

    private LakeConfig() {
    }

    /** Layers the sources, resolves substitutions and environment overrides, and reads every setting. */
    public static LakeSettings load(ConfigSources sources) {
        return load(sources, List.of());
    }

    /**
     * {@link #load(ConfigSources)} for a program that also reads {@code sections} (the dev tools): their keys are
     * checked and accepted, any other unknown key is still refused.
     */
    public static LakeSettings load(ConfigSources sources, List<? extends ConfigSection<?>> sections) {
        return open(sources, sections).settings();
    }

    /** The settings of {@code section}, after every other setting of the same sources passed its checks. */
    public static <T> T load(ConfigSources sources, List<? extends ConfigSection<?>> sections,
                             ConfigSection<T> section) {
        List<ConfigSection<?>> all = new ArrayList<>(sections);
        if (!all.contains(section)) {
            all.add(section);
        }
        @SuppressWarnings("unchecked")
        T value = (T) open(sources, all).sections().get(section);
        return value;
    }

    /** What one load read: the lake's settings and each section's. */
    private record Loaded(LakeSettings settings, Map<ConfigSection<?>, Object> sections) {
    }

    private static Loaded open(ConfigSources sources, List<? extends ConfigSection<?>> sections) {
        Config layered = ConfigFactory.empty();
        for (String override : sources.overrides()) {
            layered = layered.withFallback(parseOverride(override));
        }
        if (sources.confFile() != null) {
            if (!Files.isRegularFile(sources.confFile())) {
                throw LakeErrors.configFileNotFound(sources.confFile().toString(), "It was given with --conf-file.");
            }
            layered = layered.withFallback(parse(() -> ConfigFactory.parseFile(sources.confFile().toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false)), sources.confFile().toString()));
        }
        Config shipped = base(sources.confDir(), "application.conf", false);
        for (ConfigSection<?> section : sections) {
            shipped = base(sources.confDir(), section.defaultsFile(), false).withFallback(shipped);
        }
        if (sources.env() != null) {
            shipped = base(sources.confDir(), "env/" + sources.env() + ".conf", true).withFallback(shipped);
        }
        layered = layered.withFallback(shipped);
        Config resolved;
        try {
            resolved = layered.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
        } catch (ConfigException.UnresolvedSubstitution e) {
            throw LakeErrors.configSubstitutionUnresolved(e.origin() == null ? "a substitution"
                    : e.origin().description(), e.getMessage());
        }
        Config defaults = shipped.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true)
                .setAllowUnresolved(true));
        ConfigReader reader = new ConfigReader(resolved, defaults);
        LakeSettings settings = read(reader, sources.confDir());
        Map<ConfigSection<?>, Object> read = new java.util.LinkedHashMap<>();
        for (ConfigSection<?> section : sections) {
            read.put(section, section.read(reader));
        }
        reader.rejectUnknown("eventlake");
        return new Loaded(settings, read);
    }

    private static final String SPARK_MASTER = "eventlake.spark.master";
    /** {@code lake status}: how far behind the newest event a table may fall before it is stale. */
    static final String STALE_AFTER = "eventlake.status.stale-after";
    /** The master URL forms of Spark 3.5: local[N|*][,F], spark://h:p[,h:p], yarn, k8s://..., mesos://... */
    private static final java.util.regex.Pattern MASTER_URL = java.util.regex.Pattern.compile(
            "local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?|local-cluster\\[\\d+,\\d+,\\d+]"
                    + "|spark://[^\\s,/:]+:\\d+(,[^\\s,/:]+:\\d+)*|yarn|k8s://\\S+|mesos://\\S+");

    static LakeSettings read(ConfigReader c, Path confDir) {
        String lakeRoot = absolute(c.string("eventlake.lake-root", "EVENTLAKE_LAKE_ROOT"));
        SparkSettings spark = new SparkSettings(
                sparkMaster(c.optionalString(SPARK_MASTER)),
                c.string("eventlake.spark.app-name"),
                c.positiveInt("eventlake.spark.shuffle-partitions"),
                SparkSettings.Catalog.fromConfigName(c.oneOf("eventlake.spark.catalog",
                        Arrays.stream(SparkSettings.Catalog.values()).map(SparkSettings.Catalog::configName)
                                .collect(Collectors.toSet()))),
                new S3Settings(c.optionalString(S3Settings.ENDPOINT), c.string(S3Settings.REGION),
                        c.bool(S3Settings.PATH_STYLE_ACCESS), c.bool(S3Settings.SSL)),
                c.stringMap("eventlake.spark.conf"));
        for (Map.Entry<String, String> entry : spark.conf().entrySet()) {
            java.util.Optional<String> property = ReaderCompatibility.conflict(entry.getKey(), entry.getValue());
            if (property.isPresent()) {
                throw LakeErrors.configInvalid("eventlake.spark.conf.\"" + entry.getKey() + "\"", entry.getValue(),
                        ReaderCompatibility.PINNED.get(property.get()) + " (or leave it out): eventlake pins "
                                + property.get() + " so that delta-rs, polars and DuckDB read every table",
                        ReaderCompatibility.PINNED.get(property.get()));
            }
        }
        String contracts = c.string("eventlake.contracts.location", "EVENTLAKE_CONTRACTS");

        Map<String, String> kafkaOptions = c.stringMap("eventlake.kafka.options");
        for (String option : kafkaOptions.keySet()) {
            if (RESERVED_KAFKA_OPTIONS.contains(option)) {
                throw LakeErrors.configReserved("eventlake.kafka.options." + option, kafkaOptions.get(option),
                        RESERVED_KAFKA_OPTIONS_SET_BY);
            }
        }
        KafkaSourceSettings kafka = new KafkaSourceSettings(
                c.string("eventlake.kafka.bootstrap-servers", "EVENTLAKE_KAFKA_BOOTSTRAP_SERVERS"),
                c.nonEmptyStringList("eventlake.kafka.topics"),
                c.oneOf("eventlake.kafka.starting-offsets", Set.of("earliest", "latest")),
                c.positiveLong("eventlake.kafka.max-offsets-per-trigger"),
                kafkaOptions);
        for (String topic : kafka.topics()) {
            if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
                throw LakeErrors.configInvalid("eventlake.kafka.topics", topic,
                        "Kafka topic names of letters, digits, '.', '_' and '-'", "[\"retail.events\"]");
            }
        }
        Map<TableSpec, String> names = new LinkedHashMap<>();
        for (TableSpec spec : TABLES) {
            names.put(spec, tableName(c, spec.setting()));
        }
        LakeCatalog catalog = LakeCatalog.under(lakeRoot, names);
        LakeSettings.SilverStreams silver = new LakeSettings.SilverStreams(
                c.positiveDuration("eventlake.silver.trigger-interval"),
                c.positiveInt("eventlake.silver.max-files-per-trigger"));
        LakeSettings.GoldJobs gold = new LakeSettings.GoldJobs(
                new FeatureSettings(c.currency("eventlake.gold.features.reporting-currency"),
                        c.exchangeRates("eventlake.gold.features.exchange-rates")),
                new LakeSettings.InventoryThresholds(c.string("eventlake.gold.inventory.alerts-topic"),
                        c.nonNegativeInt("eventlake.gold.inventory.default-reorder-threshold"),
                        c.thresholds("eventlake.gold.inventory.reorder-thresholds"),
                        c.positiveDuration("eventlake.gold.inventory.trigger-interval")),
                new LakeSettings.FastPath(c.bool("eventlake.gold.inventory.fast-path.enabled"),
                        c.positiveDuration("eventlake.gold.inventory.fast-path.trigger-interval"),
                        c.positiveDuration("eventlake.gold.inventory.fast-path.dedup-window"),
                        c.string("eventlake.gold.inventory.fast-path.positions-topic"),
                        c.positiveInt("eventlake.gold.inventory.fast-path.state-partitions")));
        String rulesSetting = c.optionalString("eventlake.quality.rules-dir");
        Path rulesDir = rulesSetting == null ? null : Path.of(rulesSetting);
        LakeSettings partial = new LakeSettings(lakeRoot, spark, contracts, kafka,
                c.positiveDuration("eventlake.bronze.trigger-interval"), catalog, silver, gold,
                new LakeSettings.QualitySettings(Map.of()),
                new EventTimeWindow(c.positiveDuration("eventlake.bronze.event-time.max-age"),
                        c.positiveDuration("eventlake.bronze.event-time.max-future")),
                c.bytes("eventlake.min-free-space"),
                new MaintenanceSettings(c.nonNegativeDuration(MaintenanceSettings.VACUUM_RETENTION),
                        c.positiveDuration(MaintenanceSettings.LOG_RETENTION),
                        c.positiveInt(MaintenanceSettings.CHECKPOINT_INTERVAL),
                        c.nonNegativeInt(MaintenanceSettings.AUTO_COMPACT_MIN_FILES)),
                c.positiveDuration(STALE_AFTER),
                new MetricsSettings(c.nonNegativeInt(MetricsSettings.PORT), c.string(MetricsSettings.HOST),
                        c.positiveDuration(MetricsSettings.SAMPLE_INTERVAL),
                        c.positiveDuration(MetricsSettings.FLUSH_INTERVAL)));
        Path folder = rulesDir != null ? rulesDir : confDir == null ? null : confDir.resolve("quality");
        LakeSettings settings = partial.withGates(QualityRules.load(folder, names(catalog, SilverLayer.GUARDED),
                names(catalog, GoldLayer.GUARDED)));
        return settings;
    }

    /**
     * Every table eventlake writes, in the layers' order: each layer publishes the specs of its tables, each spec
     * names the setting that holds the table's name (one line in application.conf).
     */
    static final List<TableSpec> TABLES = java.util.stream.Stream.of(BronzeLayer.TABLES, SilverLayer.TABLES,
            GoldLayer.TABLES, List.of(GateResultsTable.SPEC, RunsTable.SPEC, PinsTable.SPEC, RunMetricsTable.SPEC)).flatMap(List::stream).toList();

    private static List<String> names(LakeCatalog catalog, List<TableSpec> specs) {
        return specs.stream().map(spec -> catalog.location(spec).name()).toList();
    }

    /** The master URL, when it has a form Spark takes (checked here: Spark's own refusal is a stack trace). */
    private static String sparkMaster(String master) {
        if (master != null && !MASTER_URL.matcher(master.trim()).matches()) {
            throw LakeErrors.sparkMasterInvalid(SPARK_MASTER, master);
        }
        return master == null ? null : master.trim();
    }

    private static String tableName(ConfigReader c, String key) {
        String name = c.string(key);
        try {
            return new TableLocation(name, "unused").name();
        } catch (LakeException e) {
            if (e.code() == ErrorCode.TABLE_NAME_INVALID) {
                throw LakeErrors.configInvalid(key, name, "<database>.<table>, lower-case, e.g. bronze.events",
                        "bronze.events");
            }
            throw e;
        }
    }

    /** A local path made absolute; URIs (s3a://...) as they are. */
    private static String absolute(String root) {
        String trimmed = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        return trimmed.contains("://") ? trimmed : Path.of(trimmed).toAbsolutePath().normalize().toString();
    }

    private static Config base(Path confDir, String name, boolean isEnv) {
        if (confDir != null) {
            Path file = confDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                if (isEnv) {
                    throw LakeErrors.optionInvalid("--env", name.substring(4, name.length() - 5),
                            "one of " + environments(confDir) + " (conf/env/<name>.conf)", "--env local");
                }
                throw LakeErrors.configFileNotFound(file.toString(), "It holds eventlake's defaults.");
            }
            return parse(() -> ConfigFactory.parseFile(file.toFile()), file.toString());
        }
        if (LakeConfig.class.getClassLoader().getResource(RESOURCE_ROOT + name) == null) {
            if (isEnv) {
                throw LakeErrors.optionInvalid("--env", name.substring(4, name.length() - 5),
                        "an environment packaged in the jar (conf/env/*.conf at build time)",
                        "leave --env out and pass --conf-file <file> or --set key=value");
            }
            throw LakeErrors.configFileNotFound(RESOURCE_ROOT + name, "The jar should contain eventlake's defaults.");
        }
        return parse(() -> ConfigFactory.parseResources(LakeConfig.class.getClassLoader(), RESOURCE_ROOT + name),
                "classpath:" + RESOURCE_ROOT + name);
    }

    private static String environments(Path confDir) {
        try (var files = Files.list(confDir.resolve("env"))) {
            return files.map(f -> f.getFileName().toString().replaceFirst("\\.conf$", ""))
                    .collect(Collectors.toCollection(TreeSet::new)).toString();
        } catch (java.io.IOException e) {
            return "(no env folder in " + confDir + ")";
        }
    }

    private static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw LakeErrors.configOverrideMalformed(override, "It has no '=' between key and value");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        if (!key.startsWith("eventlake.")) {
            key = "eventlake." + key;
        }
        try {
            return ConfigFactory.parseString(key + " = " + value);
        } catch (ConfigException e) {
            try {
                return ConfigFactory.parseString(key + " = " + com.typesafe.config.ConfigUtil.quoteString(value));
            } catch (ConfigException again) {
                throw LakeErrors.configOverrideMalformed(override, "The key is not a valid setting path: "
                        + again.getMessage());
            }
        }
    }

    private static Config parse(java.util.function.Supplier<Config> parser, String source) {
        try {
            return parser.get();
        } catch (ConfigException.Parse e) {
            int line = e.origin() == null ? -1 : e.origin().lineNumber();
            throw LakeErrors.configFileInvalid(source, (line > 0 ? "at line " + line + ", " : "") + e.getMessage());
        }
    }
}
