package io.eventlake.orchestration.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class LakeConfigTest {
    private static final Path CONF = Path.of(System.getProperty("eventlake.root"), "conf");

    private static LakeSettings load(String env, Path file, String... overrides) {
        return LakeConfig.load(new ConfigSources(CONF, env, file, List.of(overrides)));
    }

    @Test
    void anS3LakeGetsTheObjectStoresSettingsAndNoCredentials() {
        LakeSettings aws = load("local", null, "lake-root=\"s3a://retail-lake/lake\"");
        assertEquals("s3a://retail-lake/lake", aws.lakeRoot());
        if (System.getenv("EVENTLAKE_S3_ENDPOINT") == null && System.getenv("AWS_REGION") == null) {
            assertEquals(java.util.Map.of("spark.hadoop.fs.s3a.endpoint.region", "us-east-1",
                    "spark.hadoop.fs.s3a.path.style.access", "false",
                    "spark.hadoop.fs.s3a.connection.ssl.enabled", "true"), aws.spark().s3().sparkConf());
        }
        LakeSettings compatible = load("local", null, "s3.endpoint=\"http://127.0.0.1:9000\"",
                "s3.path-style-access=true", "s3.ssl=false");
        assertEquals("http://127.0.0.1:9000", compatible.spark().s3().sparkConf().get("spark.hadoop.fs.s3a.endpoint"));
        assertEquals("true", compatible.spark().s3().sparkConf().get("spark.hadoop.fs.s3a.path.style.access"));
        assertTrue(compatible.spark().s3().sparkConf().keySet().stream().noneMatch(k -> k.contains("key")),
                "credentials never come from the settings");

        LakeException notABoolean = assertThrows(LakeException.class, () -> load("local", null, "s3.ssl=maybe"));
        assertEquals(ErrorCode.CONFIG_INVALID, notABoolean.code());
        assertTrue(notABoolean.getMessage().contains("eventlake.s3.ssl"), notABoolean.getMessage());
        assertTrue(notABoolean.getMessage().contains("true or false"), notABoolean.getMessage());
    }

    /** Every environment file loads into valid settings. */
    @Test
    void everyEnvironmentFileLoads() throws IOException {
        List<String> envs = new ArrayList<>();
        try (Stream<Path> files = Files.list(CONF.resolve("env"))) {
            files.forEach(f -> envs.add(f.getFileName().toString().replace(".conf", "")));
        }
        assertTrue(envs.contains("local"));
        for (String env : envs) {
            LakeSettings settings = load(env, null, "lake-root=/tmp/lake-" + env,
                    "kafka.bootstrap-servers=\"broker:9092\"");
            assertEquals("/tmp/lake-" + env, settings.lakeRoot(), env);
        }
    }

    @Test
    void localEnvironmentGivesTheEmbeddedDefaults() {
        LakeSettings settings = load("local", null);

        if (System.getenv("EVENTLAKE_KAFKA_BOOTSTRAP_SERVERS") == null) {
            assertEquals("127.0.0.1:9092", settings.kafka().bootstrapServers());
        }
        if (System.getenv("EVENTLAKE_SPARK_MASTER") == null) {
            assertEquals("local[2]", settings.spark().master());
        }
        assertEquals(List.of("retail.events"), settings.kafka().topics());
        assertEquals(SparkSettings.Catalog.IN_MEMORY, settings.spark().catalog());
        assertEquals(Duration.ofSeconds(5), settings.triggerInterval());
        assertEquals(settings.lakeRoot() + "/bronze/events", settings.bronze().events().path());
        assertEquals("bronze.quarantine", settings.bronze().quarantine().name());
        assertEquals(settings.lakeRoot() + "/_checkpoints/bronze.events", settings.bronze().checkpoint(io.eventlake.bronze.BronzeEventsJob.NAME));
        assertEquals("false", settings.spark().conf().get("spark.ui.enabled"));
    }

    @Test
    void laterSourcesWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("site.conf");
        Files.writeString(file, "eventlake.kafka { max-offsets-per-trigger = 777, topics = [\"a\", \"b\"] }");

        LakeSettings fromFile = load("local", file);
        LakeSettings overridden = load("local", file, "eventlake.kafka.max-offsets-per-trigger=5",
                "bronze.trigger-interval=250ms", "spark.conf.\"spark.executor.memory\"=2g");

        assertEquals(777, fromFile.kafka().maxOffsetsPerTrigger());
        assertEquals(List.of("a", "b"), fromFile.kafka().topics());
        assertEquals(5, overridden.kafka().maxOffsetsPerTrigger());
        assertEquals(Duration.ofMillis(250), overridden.triggerInterval());
        assertEquals("2g", overridden.spark().conf().get("spark.executor.memory"));
    }

    @Test
    void withoutAnEnvironmentTheRequiredSettingsAreNamed() {
        if (System.getenv("EVENTLAKE_LAKE_ROOT") != null) {
            return; // the variable supplies it: nothing is missing on this machine
        }
        LakeException error = assertThrows(LakeException.class, () -> load(null, null));

        assertEquals(ErrorCode.CONFIG_MISSING, error.code());
        assertTrue(error.getMessage().startsWith("Setting 'eventlake.lake-root' is not set."), error.getMessage());
        assertTrue(error.getMessage().contains("EVENTLAKE_LAKE_ROOT"), error.getMessage());
        assertTrue(error.getMessage().contains("--env local"), error.getMessage());
    }

    @Test
    void badValuesNameKeyValueAndWhatIsAllowed() {
        assertInvalid("kafka.max-offsets-per-trigger=0", "eventlake.kafka.max-offsets-per-trigger", "'0'",
                "a whole number greater than 0");
        assertInvalid("kafka.max-offsets-per-trigger=lots", "eventlake.kafka.max-offsets-per-trigger", "lots",
                "a whole number greater than 0");
        assertInvalid("kafka.starting-offsets=middle", "eventlake.kafka.starting-offsets", "'middle'",
                "one of earliest, latest");
        assertInvalid("bronze.trigger-interval=soon", "eventlake.bronze.trigger-interval", "soon",
                "a positive duration");
        assertInvalid("spark.catalog=mysql", "eventlake.spark.catalog", "'mysql'",
                "one of hive, in-memory");
        assertInvalid("bronze.events-table=events", "eventlake.bronze.events-table", "'events'",
                "<database>.<table>");
        assertInvalid("kafka.topics=[]", "eventlake.kafka.topics", "[]", "a non-empty list");
        assertInvalid("kafka.topics=[\"bad topic\"]", "eventlake.kafka.topics", "bad topic", "Kafka topic names");
        assertInvalid("kafka.options.failOnDataLoss=false", "eventlake.kafka.options.failOnDataLoss", "false",
                "may not be given. eventlake sets it itself");
    }

    private static void assertInvalid(String override, String key, String value, String allowed) {
        LakeException error = assertThrows(LakeException.class, () -> load("local", null, override), override);
        assertEquals(ErrorCode.CONFIG_INVALID, error.code(), override);
        assertTrue(error.getMessage().contains("'" + key + "'"), error.getMessage());
        assertTrue(error.getMessage().contains(value), error.getMessage());
        assertTrue(error.getMessage().contains(allowed), error.getMessage());
        assertTrue(error.getMessage().contains("Fix: "), error.getMessage());
    }

    @Test
    void aMisspelledKeyIsRefusedWithASuggestion() {
        LakeException error = assertThrows(LakeException.class,
                () -> load("local", null, "kafka.max-offset-per-trigger=10"));

        assertEquals(ErrorCode.CONFIG_UNKNOWN, error.code());
        assertTrue(error.getMessage().contains("'eventlake.kafka.max-offset-per-trigger'"), error.getMessage());
        assertTrue(error.getMessage().contains("did you mean 'eventlake.kafka.max-offsets-per-trigger'"),
                error.getMessage());
    }

    /** Each table's name is one setting: renaming it moves the table, and two tables may not share a name. */
    @Test
    void maintenanceSettingsBecomeTablePropertiesAndABadRetentionIsRefusedByName() {
        LakeSettings settings = load("local", null, "maintenance.vacuum-retention=0h",
                "maintenance.auto-compact-min-files=0");
        assertEquals(0, settings.maintenance().vacuumRetentionHours());
        assertEquals("interval 0 hours", settings.maintenance().tableProperties()
                .get("delta.deletedFileRetentionDuration"));
        assertEquals("interval 720 hours", settings.maintenance().tableProperties().get("delta.logRetentionDuration"));
        assertEquals("false", settings.maintenance().sparkConf()
                .get("spark.databricks.delta.properties.defaults.autoOptimize.autoCompact"));

        LakeException negative = assertThrows(LakeException.class,
                () -> load("local", null, "maintenance.vacuum-retention=-1h"));
        assertEquals(ErrorCode.CONFIG_INVALID, negative.code());
        assertTrue(negative.getMessage().contains("eventlake.maintenance.vacuum-retention")
                && negative.getMessage().contains("a duration of 0 or more"), negative.getMessage());
    }

    @Test
    void aTableIsRenamedByItsOneSettingAndNamesAreUnique(@TempDir Path rules) {
        // rule files are named after their table (conf/quality/silver.payments.conf would no longer match)
        LakeSettings renamed = load("local", null, "silver.payments-table=finance.payments",
                "quality.rules-dir=\"" + rules + "\"");
        assertEquals("finance.payments", renamed.silver().catalog()
                .location(io.eventlake.silver.fact.SilverPaymentsTable.SPEC).name());
        assertEquals(renamed.lakeRoot() + "/finance/payments", renamed.tables().get("finance.payments").path());
        assertTrue(!renamed.tableNames().contains("silver.payments"), renamed.tableNames().toString());
        assertEquals(18, renamed.tableNames().size(), renamed.tableNames().toString());

        LakeException clash = assertThrows(LakeException.class,
                () -> load("local", null, "silver.returns-table=silver.payments"));
        assertEquals(ErrorCode.CONFIG_INVALID, clash.code());
        assertTrue(clash.getMessage().contains("'eventlake.silver.returns-table'")
                && clash.getMessage().contains("'eventlake.silver.payments-table' names it too"), clash.getMessage());
    }

    /** The dev tools' sections (devtools.conf) are not settings of the production jar: spark-submit refuses them. */
    @Test
    void theDevToolsSettingsAreUnknownToTheProductionLoader() {
        for (String override : List.of("generator.count=10", "local-kafka.port=9092")) {
            LakeException error = assertThrows(LakeException.class, () -> load("local", null, override));
            assertEquals(ErrorCode.CONFIG_UNKNOWN, error.code(), override);
            assertTrue(error.getMessage().contains("'eventlake." + override.substring(0, override.indexOf('='))
                    + "'"), error.getMessage());
        }
    }

    @Test
    void malformedOverridesMissingFilesAndUnknownEnvironmentsAreNamed(@TempDir Path dir) {
        LakeException noEquals = assertThrows(LakeException.class, () -> load("local", null, "kafka.topics"));
        assertEquals(ErrorCode.CONFIG_OVERRIDE_MALFORMED, noEquals.code());
        assertTrue(noEquals.getMessage().contains("'kafka.topics'"));

        LakeException noFile = assertThrows(LakeException.class, () -> load("local", dir.resolve("nope.conf")));
        assertEquals(ErrorCode.CONFIG_FILE_NOT_FOUND, noFile.code());
        assertTrue(noFile.getMessage().contains("nope.conf"));

        LakeException noEnv = assertThrows(LakeException.class, () -> load("prod", null));
        assertEquals(ErrorCode.OPTION_INVALID, noEnv.code());
        assertTrue(noEnv.getMessage().endsWith("Fix: run it again with a value allowed, e.g. --env local"),
                noEnv.getMessage());
        assertTrue(noEnv.getMessage().contains("'prod'") && noEnv.getMessage().contains("[local]"),
                noEnv.getMessage());
    }

    @Test
    void aMalformedConfFileIsNamedWithItsLineAndAFixAUserCanFollow(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "eventlake.kafka {\n  max-offsets-per-trigger = = 3\n");

        LakeException error = assertThrows(LakeException.class, () -> load("local", bad));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().startsWith("Config file '" + bad + "' cannot be read."), error.getMessage());
        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertTrue(!error.getMessage().contains("--set " + bad), "no --set of a file path: " + error.getMessage());
    }

    @Test
    void aSparkMasterSparkWouldRefuseIsBadInputNamingTheForms() {
        for (String master : List.of("lcoal[2]", "local[0]", "spark://host", "local[two]")) {
            LakeException error = assertThrows(LakeException.class,
                    () -> load("local", null, "spark.master=\"" + master + "\""), master);
            assertEquals(ErrorCode.CONFIG_INVALID, error.code(), master);
            assertEquals(ErrorCode.Kind.USER, error.code().kind());
            assertTrue(error.getMessage().contains("'eventlake.spark.master' has the invalid value '" + master + "'"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("--set spark.master=local[2]"), error.getMessage());
        }
        for (String master : List.of("local", "local[*]", "local[4,2]", "spark://127.0.0.1:7077", "yarn",
                "spark://a:1,b:2", "k8s://https://k:443")) {
            assertEquals(master, load("local", null, "spark.master=\"" + master + "\"").spark().master());
        }
    }

    @Test
    void thePackagedDefaultsAreTheRepositoryFiles() {
        LakeSettings packaged = LakeConfig.load(new ConfigSources(null, "local", null, List.of("lake-root=/x")));
        LakeSettings repository = load("local", null, "lake-root=/x");

        assertEquals(repository, packaged);
        if (System.getenv("EVENTLAKE_SPARK_MASTER") == null) {
            assertNull(LakeConfig.load(new ConfigSources(null, null, null,
                    List.of("lake-root=/x", "kafka.bootstrap-servers=\"b:1\""))).spark().master(),
                    "without an environment, spark-submit decides the master");
        }
    }

    /**
     * Every invalid-setting error ends in a command line to type: the override it suggests is taken from its own
     * text and loaded, and must give valid settings (the key's default where it has one, else an example).
     */
    @Test
    void theFixOfAnInvalidSettingIsAnOverrideThatLoads() {
        List<String> invalid = List.of("kafka.max-offsets-per-trigger=-5", "kafka.starting-offsets=newest",
                "kafka.topics=[]", "kafka.topics=[\"bad topic\"]", "bronze.trigger-interval=soon",
                "min-free-space=lots", "bronze.events-table=Events",
                "gold.features.reporting-currency=EURO", "gold.features.exchange-rates.USD=dear",
                "spark.conf.\"spark.databricks.delta.properties.defaults.enableDeletionVectors\"=true",
                "spark.conf.\"spark.databricks.delta.properties.defaults.columnMapping.mode\"=name");
        java.util.regex.Pattern suggested = java.util.regex.Pattern.compile("--set '((?:[^']|'\\\\'')*)'\\.$");
        for (String override : invalid) {
            LakeException error = assertThrows(LakeException.class,
                    () -> load("local", null, override), override);
            assertEquals(ErrorCode.CONFIG_INVALID, error.code(), override + ": " + error.getMessage());
            java.util.regex.Matcher fix = suggested.matcher(error.getMessage());
            assertTrue(fix.find(), override + ": " + error.getMessage());
            String typed = fix.group(1).replace("'\\''", "'");
            LakeSettings settings = load("local", null, typed, override);
            assertTrue(settings.lakeRoot() != null, override + " fixed by " + typed);
        }
        LakeException entry = assertThrows(LakeException.class,
                () -> load("local", null, "gold.features.exchange-rates={ usd = 1 }"));
        assertTrue(entry.getMessage().endsWith("Fix: remove 'usd' from 'eventlake.gold.features.exchange-rates' "
                + "where it is set (your config file or --set), and give it as, e.g., "
                + "--set 'eventlake.gold.features.exchange-rates.USD=1'."), entry.getMessage());
        assertTrue(load("local", null, "gold.features.exchange-rates.USD=1").gold().features().rate("USD") != null);
    }
}
