package io.eventlake.errors;

import java.util.Collection;

/**
 * The one place where user-facing errors are built. Every message has three parts: what went wrong, why,
 * and the fix.
 */
public final class LakeErrors {
    private LakeErrors() {
    }

    private static LakeException error(ErrorCode code, String what, String why, String fix, Throwable cause) {
        return new LakeException(code, what + " " + why + " Fix: " + fix, cause);
    }

    private static LakeException error(ErrorCode code, String what, String why, String fix) {
        return error(code, what, why, fix, null);
    }

    // ---- configuration -------------------------------------------------------------------------------

    public static LakeException configMissing(String key, String envVariable) {
        return error(ErrorCode.CONFIG_MISSING,
                "Setting '" + key + "' is not set.",
                "eventlake needs it to start and it has no default outside an environment file.",
                "set it in your --conf-file, with --set " + key + "=<value>"
                        + (envVariable == null ? "" : ", or with the environment variable " + envVariable)
                        + " (or run with --env local for the embedded defaults).");
    }

    /**
     * A setting with a value it does not take.
     *
     * @param example a value it takes, as config text (its default where it has one), for the fix to show
     */
    public static LakeException configInvalid(String key, Object value, String allowed, String example) {
        return error(ErrorCode.CONFIG_INVALID,
                "Setting '" + key + "' has the invalid value '" + value + "'.",
                "Allowed: " + allowed + ".",
                "change '" + key + "' in your config file, or override it for one run: --set '" + key + "="
                        + example.replace("'", "'\\''") + "'.");
    }

    public static LakeException configReserved(String key, Object value, String setBy) {
        return error(ErrorCode.CONFIG_INVALID,
                "Setting '" + key + "' (here '" + value + "') may not be given.",
                "eventlake sets it itself, from " + setBy + ".",
                "remove '" + key + "' from your config file and set " + setBy + " instead.");
    }

    /** A map setting with an entry whose key it does not take (an override cannot remove an entry). */
    public static LakeException configEntryInvalid(String key, String entry, String allowed, String example) {
        return error(ErrorCode.CONFIG_INVALID,
                "Setting '" + key + "' has the entry '" + entry + "', which it does not take.",
                "Allowed: " + allowed + ".",
                "remove '" + entry + "' from '" + key + "' where it is set (your config file or --set), and give "
                        + "it as, e.g., --set '" + key + "." + example + "'.");
    }

    public static LakeException configSubstitutionUnresolved(String where, String detail) {
        return error(ErrorCode.CONFIG_INVALID,
                "The configuration refers to a setting or environment variable that does not exist (" + where + ").",
                detail + ".",
                "define what it refers to (export the variable, or add the setting), or use ${?NAME} for an "
                        + "optional substitution.");
    }

    /**
     * A command-line option with a value it does not take.
     *
     * @param example a command line with a valid value, e.g. {@code ./lake history silver.orders --limit 10}
     */
    public static LakeException optionInvalid(String option, Object value, String allowed, String example) {
        return error(ErrorCode.OPTION_INVALID,
                "Option " + option + " has the invalid value '" + value + "'.",
                "Allowed: " + allowed + ".",
                "run it again with a value allowed, e.g. " + example);
    }

    /** Options that cannot go together, or a required one left out. */
    public static LakeException optionsConflict(String problem, String usage) {
        return error(ErrorCode.OPTION_INVALID, problem, "The command takes them only as: " + usage + ".",
                "run it again as shown, e.g. " + usage);
    }

    /** A config file (or the packaged one) whose HOCON does not parse. */
    public static LakeException configFileInvalid(String source, String reason) {
        return error(ErrorCode.CONFIG_INVALID,
                "Config file '" + source + "' cannot be read.",
                "Its HOCON syntax is wrong: " + reason + ".",
                "correct the file at the line named (settings are written key = value, e.g. "
                        + "eventlake.kafka.max-offsets-per-trigger = 1000), or leave --conf-file out.");
    }

    /** {@code eventlake.spark.master} that Spark would refuse. */
    public static LakeException sparkMasterInvalid(String key, String master) {
        return error(ErrorCode.CONFIG_INVALID,
                "Setting '" + key + "' has the invalid value '" + master + "'.",
                "Spark takes local, local[N], local[*], local[N,F], spark://host:port, yarn, k8s://https://host:port "
                        + "or mesos://host:port.",
                "pass --set spark.master=local[2] (or a cluster's URL), or leave it out under spark-submit, whose "
                        + "--master wins.");
    }

    public static LakeException configUnknown(String key, String closest) {
        return error(ErrorCode.CONFIG_UNKNOWN,
                "Setting '" + key + "' is not a setting eventlake knows.",
                "It would be ignored, so it is refused" + (closest == null ? "." : "; did you mean '" + closest + "'?"),
                "correct or remove it; conf/application.conf lists every setting with its default (conf/devtools.conf "
                        + "those of ./lake's dev tools: generator, local broker).");
    }

    public static LakeException configFileNotFound(String path, String what) {
        return error(ErrorCode.CONFIG_FILE_NOT_FOUND,
                "Config file '" + path + "' was not found.",
                what,
                "pass an existing HOCON file, or leave the option out to use the defaults.");
    }

    public static LakeException configOverrideMalformed(String override, String reason) {
        return error(ErrorCode.CONFIG_OVERRIDE_MALFORMED,
                "Override --set '" + override + "' cannot be read.",
                reason + ".",
                "write it as --set eventlake.<key>=<value>, e.g. --set eventlake.kafka.max-offsets-per-trigger=1000.");
    }

    // ---- event contracts -----------------------------------------------------------------------------

    public static LakeException contractsNotFound(String location) {
        return error(ErrorCode.CONTRACTS_NOT_FOUND,
                "No event contracts were found at '" + location + "'.",
                "Bronze validates every event against an envelope.avsc and <event_type>/v<N>.avsc files there.",
                "point eventlake.contracts.location at the contracts folder (conf/contracts in the repository), "
                        + "or use 'classpath' for the contracts packaged in the jar.");
    }

    public static LakeException contractInvalid(String file, String reason, Throwable cause) {
        return error(ErrorCode.CONTRACT_INVALID,
                "Event contract '" + file + "' is invalid.",
                reason + ".",
                "correct the Avro schema in that file; contracts are Avro records, one file per event type and "
                        + "version, named <event_type>/v<N>.avsc.",
                cause);
    }

    public static LakeException contractIncompatible(String eventType, int olderVersion, int newerVersion,
                                                     String field, String detail) {
        return error(ErrorCode.CONTRACT_INCOMPATIBLE,
                "Contract '" + eventType + "' version " + newerVersion + " is incompatible with version "
                        + olderVersion + " at field '" + field + "'.",
                "A newer version must read every event written with an older one (" + detail + ").",
                "make the change backward compatible (new fields need a default, e.g. [\"null\", ...] with "
                        + "\"default\": null; never remove or retype a field without a default), or publish it "
                        + "as a new event type.");
    }

    public static LakeException contractDefaultUnsupported(String eventType, int version, String field) {
        return error(ErrorCode.CONTRACT_INVALID,
                "Contract '" + eventType + "' version " + version + " gives field '" + field
                        + "' a default eventlake cannot apply when upcasting older events.",
                "Upcasting fills fields an older version lacks with their Avro default; only null and scalar "
                        + "defaults (string, number, boolean) are supported.",
                "make the field optional ([\"null\", ...] with \"default\": null) or give it a scalar default.");
    }

    // ---- personal data ---------------------------------------------------------------------------------

    public static LakeException piiKeyMissing(String variable) {
        return error(ErrorCode.PII_KEY_MISSING,
                "No key for tokenizing personal data: the environment variable " + variable + " is not set.",
                "Silver replaces e-mail addresses and other personal fields with keyed HMAC-SHA-256 tokens; the key "
                        + "never lives in conf/, so it must come from the environment.",
                "export " + variable + "=<secret of at least 32 characters> (from your secret store; the local demo "
                        + "sets a throw-away one).");
    }

    public static LakeException piiKeyTooShort(String variable, int length) {
        return error(ErrorCode.PII_KEY_MISSING,
                "The key in " + variable + " is too short for tokenizing personal data (" + length + " characters).",
                "A short HMAC key makes tokens guessable.",
                "use a random secret of at least 32 characters, e.g. from `openssl rand -hex 32`.");
    }

    // ---- tables --------------------------------------------------------------------------------------

    public static LakeException tableNameInvalid(String name) {
        return error(ErrorCode.TABLE_NAME_INVALID,
                "Table name '" + name + "' is invalid.",
                "Tables are registered in the catalog as <database>.<table>, both lower-case identifiers.",
                "use a name such as 'bronze.events'.");
    }

    public static LakeException tableSchemaMismatch(String table, String path, Collection<String> problems) {
        return error(ErrorCode.TABLE_SCHEMA_MISMATCH,
                "Delta table '" + table + "' at '" + path + "' does not have the schema eventlake writes.",
                "Differences: " + String.join("; ", problems) + ".",
                "point the job at an empty location or at a table written by this version of eventlake; "
                        + "to start over, move the old table away (its data stays readable there).");
    }

    public static LakeException tableLocationConflict(String table, String registered, String configured) {
        return error(ErrorCode.TABLE_LOCATION_CONFLICT,
                "Table '" + table + "' is registered in the catalog at '" + registered + "', but this run writes it at '"
                        + configured + "'.",
                "Writing would leave the name pointing at the old data.",
                "use the lake root the table was created with, or drop the old name first (DROP TABLE " + table
                        + " removes the catalog entry; the data of an external Delta table stays at its path).");
    }

    public static LakeException tableLocationNotEmpty(String table, String path, java.util.List<String> entries) {
        return error(ErrorCode.TABLE_LOCATION_CONFLICT,
                "Table '" + table + "' cannot be created at '" + path + "': the directory holds files that are not "
                        + "a Delta table (" + String.join(", ", entries) + ").",
                "eventlake creates each table at its own path and will not write over files it did not commit.",
                "move those files aside (or delete them if they are yours to lose) and run the command again, or "
                        + "give the table another location.");
    }

    // ---- kafka ---------------------------------------------------------------------------------------

    public static LakeException kafkaBrokerNotBuilt(String classpathFile) {
        return error(ErrorCode.KAFKA_BROKER_NOT_BUILT,
                "The local Kafka broker's classpath '" + classpathFile + "' does not exist.",
                "It is written by the build of tools/kafka-broker.",
                "run './lake build' (or ./mvnw -pl tools/kafka-broker generate-resources) first.");
    }

    public static LakeException kafkaBrokerFailed(String what, String why, Throwable cause) {
        return error(ErrorCode.KAFKA_BROKER_FAILED, what, why,
                "look at the broker log named above; free the port or choose another with "
                        + "--set eventlake.local-kafka.port=<port>.",
                cause);
    }

    public static LakeException kafkaUnreachable(String bootstrapServers, long seconds, Throwable cause) {
        return error(ErrorCode.KAFKA_UNREACHABLE,
                "Kafka at '" + bootstrapServers + "' did not answer within " + seconds + " s.",
                "The job needs the broker to read topic offsets: " + describe(cause) + ".",
                "start the broker ('./lake kafka start' locally), or set eventlake.kafka.bootstrap-servers (and any "
                        + "security options under eventlake.kafka.options) to a reachable cluster.",
                cause);
    }

    public static LakeException kafkaTopicMissing(String topic, String bootstrapServers, Collection<String> existing) {
        return error(ErrorCode.KAFKA_TOPIC_MISSING,
                "Topic '" + topic + "' does not exist on Kafka at '" + bootstrapServers + "'.",
                "Topics there: " + (existing.isEmpty() ? "none" : String.join(", ", existing.stream().sorted().limit(20)
                        .toList())) + ".",
                "correct eventlake.kafka.topics, or create the topic (locally './lake generate' creates it).");
    }

    public static LakeException kafkaProduceFailed(String bootstrapServers, String topic, Throwable cause) {
        return error(ErrorCode.KAFKA_PRODUCE_FAILED,
                "Could not write events to topic '" + topic + "' on '" + bootstrapServers + "'.",
                "The broker did not accept them: " + cause.getMessage() + ".",
                "start the broker ('./lake kafka start') or set eventlake.kafka.bootstrap-servers to a reachable one.",
                cause);
    }

    // ---- the lake root ------------------------------------------------------------------------------------

    public static LakeException tableLocked(String table, String lockFile, String holder) {
        return error(ErrorCode.TABLE_LOCKED,
                "Table " + table + " is being written by another run: " + holder + ".",
                "A table has one writer at a time (its streaming checkpoint and refresh state are not shared); the "
                        + "lock is " + lockFile + ", released when that process ends. Readers (./lake sql, the SQL "
                        + "endpoint, notebooks) and writers of other tables may run meanwhile.",
                "wait for that run to finish or stop it (Ctrl-C, or kill <pid>); a continuous ./lake pipeline "
                        + "already keeps bronze, silver and the inventory path current, so run only ./lake gold "
                        + "beside it, or give this command another lake with --set lake-root=<path>.");
    }

    public static LakeException lakeNotWritable(String root, String reason) {
        return error(ErrorCode.LAKE_NOT_WRITABLE,
                "The lake at " + root + " cannot be written.",
                "Every command writes there (tables, checkpoints, the run record): " + reason + ".",
                "make the path writable (remount it read-write, fix its owner) or point eventlake at a writable one "
                        + "with --set lake-root=<path>; nothing was written, so a rerun afterwards starts cleanly.");
    }

    public static LakeException lakeBucketMissing(String root, String bucket, Throwable cause) {
        return error(ErrorCode.LAKE_BUCKET_MISSING,
                "The bucket '" + bucket + "' of the lake at " + root + " does not exist.",
                "Every command lists the lake root before it starts; the object store answered that there is no "
                        + "such bucket (" + rootMessage(cause) + ").",
                "create the bucket (eventlake creates folders, never buckets), or fix the bucket in "
                        + "eventlake.lake-root, or point eventlake.s3.endpoint at the store that has it; nothing "
                        + "was written.", cause);
    }

    public static LakeException lakeAccessDenied(String root, Throwable cause) {
        return error(ErrorCode.LAKE_ACCESS_DENIED,
                "The object store refused the credentials for the lake at " + root + ".",
                "Every command lists the lake root before it starts; the store denied it (" + rootMessage(cause)
                        + ").",
                "set the credentials in the environment of the driver and the executors (AWS_ACCESS_KEY_ID and "
                        + "AWS_SECRET_ACCESS_KEY, or an instance profile), with read and write access to the "
                        + "lake root; never in conf/. Nothing was written.", cause);
    }

    public static LakeException lakeUnreachable(String root, Throwable cause) {
        return error(ErrorCode.LAKE_UNREACHABLE,
                "The lake at " + root + " cannot be reached.",
                "Every command lists the lake root before it starts, and that failed: " + rootMessage(cause) + ".",
                "check eventlake.s3.endpoint (and eventlake.s3.ssl), the network to it, and that the store is up; "
                        + "then run the command again. Nothing was written.", cause);
    }

    public static LakeException lakeDiskFull(String root, long freeBytes, long neededBytes) {
        return error(ErrorCode.LAKE_DISK_FULL,
                "The file system of the lake at " + root + " has " + freeBytes / 1024 + " KiB free.",
                "A run needs at least " + neededBytes / (1024 * 1024) + " MiB to start (a write that runs out of space "
                        + "midway fails the batch and leaves temporary files).",
                "free space there (old versions: VACUUM; logs; other files) and run the command again: it resumes "
                        + "from its checkpoints. The threshold is eventlake.min-free-space.");
    }

    public static LakeException lakeDiskFilled(String root, long freeBytes, Throwable cause) {
        return error(ErrorCode.LAKE_DISK_FULL,
                "The file system of the lake at " + root + " filled up during the run (" + freeBytes / 1024
                        + " KiB free now).",
                "A write ran out of space: " + rootMessage(cause) + ". Delta commits are atomic, so no table holds "
                        + "a half-written version; what the failed write left (temporary files, an uncommitted "
                        + "first version) is cleaned up by the next run.",
                "free space there (old versions: VACUUM; logs; other files) and run the command again: it resumes "
                        + "from its checkpoints.", cause);
    }

    public static LakeException lakeTurnedReadOnly(String root, Throwable cause) {
        return error(ErrorCode.LAKE_NOT_WRITABLE,
                "The lake at " + root + " became read-only during the run.",
                "A write failed: " + rootMessage(cause) + ". Delta commits are atomic, so no table holds a "
                        + "half-written version.",
                "make the path writable again (remount it read-write) and run the command again: it resumes from "
                        + "its checkpoints.", cause);
    }

    // ---- streaming -----------------------------------------------------------------------------------

    public static LakeException streamFailed(String job, String checkpoint, Throwable cause) {
        return error(ErrorCode.STREAM_FAILED,
                "Streaming job '" + job + "' stopped with an error.",
                "Cause: " + rootMessage(cause) + ". Its progress up to the last committed batch is kept in '"
                        + checkpoint + "'.",
                "fix the cause and run the job again: it resumes from the checkpoint without losing or duplicating "
                        + "records. If Kafka no longer holds the checkpointed offsets (retention), the job refuses to "
                        + "skip them: re-ingest from the source or reset deliberately by moving the checkpoint away.",
                cause);
    }

    public static LakeException tableMissing(String table, String path, String reader, String fix) {
        return error(ErrorCode.TABLE_MISSING,
                "Table " + table + " does not exist at " + path + ".",
                reader + " reads it.",
                fix);
    }

    public static LakeException tableUnknown(String table, java.util.List<String> known) {
        return error(ErrorCode.TABLE_UNKNOWN,
                "There is no lake table named '" + table + "'.",
                "The lake's tables are: " + String.join(", ", known) + ".",
                "pass one of them (names are <database>.<table>, as configured in eventlake.*-table settings).");
    }

    public static LakeException exchangeRateMissing(Collection<String> currencies, String reportingCurrency,
                                                    String key) {
        return error(ErrorCode.CONFIG_INVALID,
                "Orders in " + String.join(", ", currencies) + " have no exchange rate to " + reportingCurrency + ".",
                "Customer features add up spend in one currency, so every order currency needs a rate.",
                "add " + key + "." + currencies.iterator().next() + " = <units of " + reportingCurrency
                        + " per unit> (and one per other currency listed) to your configuration.");
    }

    public static LakeException reconciliationFailed(Collection<String> mismatches) {
        return error(ErrorCode.RECONCILIATION_FAILED,
                "The reconciliation of what was sent against what landed does not add up.",
                "Mismatches: " + String.join("; ", mismatches) + ".",
                "inspect the bronze tables printed above; this is a bug or a lost record, please report it.");
    }

    // ---- quality, versions, runs ----------------------------------------------------------------------

    public static LakeException qualityRulesInvalid(String file, String rule, String reason) {
        return error(ErrorCode.QUALITY_RULES_INVALID,
                "Quality rule '" + rule + "' in " + file + " cannot be used.",
                reason + ".",
                "correct the rule; README.md (Quality gates) shows the rule format with an example.");
    }

    public static LakeException gateBlocked(String table, String batch, Collection<String> failures) {
        return error(ErrorCode.GATE_BLOCKED,
                "The quality gate of " + table + " blocked " + batch + ": " + String.join("; ", failures) + ".",
                "A rule at level block failed, so nothing of the batch was written and the job's checkpoint did not "
                        + "advance: no record is lost.",
                "correct the data upstream, or the rule in conf/quality/" + table + ".conf if it is wrong, and run "
                        + "the job again: it resumes at this batch. The verdicts are in quality.gate_results.");
    }

    /** A backfill's rebuilt rows of one table broke a block rule of its gate. */
    public static LakeException backfillBlocked(String table, String range, Collection<String> failures) {
        return error(ErrorCode.GATE_BLOCKED,
                "The quality gate of " + table + " blocked the backfill of " + range + ": "
                        + String.join("; ", failures) + ".",
                "A rule at level block failed on the rows the backfill rebuilt, so it wrote nothing to " + table
                        + " (tables earlier in the backfill keep their repaired rows).",
                "correct the rule in conf/quality/" + table + ".conf if it is wrong, or the transform, then run the "
                        + "backfill again (see the verdicts in quality.gate_results; ./lake backfill ... --dry-run "
                        + "shows what it would change).");
    }

    public static LakeException auditFailed(String table, long badVersion, long restoredTo, long restoreVersion,
                                            Collection<String> failures) {
        return error(ErrorCode.AUDIT_FAILED,
                table + " version " + badVersion + " failed its audit: " + String.join("; ", failures) + ".",
                "A rule at level block failed on the version just written, so it was not published: the table was "
                        + "restored to version " + restoredTo + " (the restore is version " + restoreVersion
                        + "; readers see the last good data) and the failed verdicts are recorded in "
                        + "quality.gate_results with table_version " + badVersion + ".",
                "inspect it with ./lake show " + table + " --version " + badVersion + ", correct the input (or the "
                        + "rule in conf/quality/" + table + ".conf), then refresh again.");
    }

    public static LakeException versionMissing(String table, long version, long newest) {
        return error(ErrorCode.VERSION_MISSING,
                "Table " + table + " has no version " + version + ".",
                "Its versions run from 0 to " + newest + " (older ones may have been vacuumed).",
                "pick a version listed by ./lake history " + table + ".");
    }

    public static LakeException sparkListenerMissing(String key, String listener) {
        return error(ErrorCode.CONFIG_INVALID,
                "Setting '" + key + "' names the Spark listener " + listener + ", which is not on the classpath.",
                "Spark would fail to start.",
                "add its jar (for OpenLineage: spark-submit --packages io.openlineage:openlineage-spark_2.12:1.53.0, "
                        + "or --jars openlineage-spark_2.12-1.53.0.jar; ./lake has it), or remove the setting.");
    }

    public static LakeException versionVacuumed(String table, long version, int missingFiles, String firstMissing) {
        return error(ErrorCode.VERSION_VACUUMED,
                "Version " + version + " of " + table + " can no longer be read.",
                missingFiles + " of its data files were deleted by VACUUM (e.g. " + firstMissing + "); its log "
                        + "entry remains, so row counts still answer but no real read does.",
                "read a newer version (./lake history " + table + "), and pin the versions you will need "
                        + "(./lake pin " + table + " --version N --reason ...) so that lake maintain keeps them.");
    }

    public static LakeException pinMissing(String table, long version, String pinned) {
        return error(ErrorCode.PIN_MISSING,
                "Version " + version + " of " + table + " is not pinned (for that reason).",
                "Its pinned versions: " + pinned + ".",
                "unpin one of those, or list every pin with ./lake pins.");
    }

    public static LakeException vacuumWouldBreakPin(String table, String pin, int files, long version) {
        return error(ErrorCode.PIN_BROKEN,
                "VACUUM of " + table + " refused: it would delete " + files + " files that " + pin + " reads.",
                "Even with the retention widened to the pinned files' age, VACUUM still lists them (their "
                        + "modification times are older than the log says).",
                "leave the table out of this maintenance (--tables), or release the pin with ./lake unpin " + table
                        + " --version " + version + " if it is no longer needed.");
    }

    public static LakeException pinnedVersionGone(String table, String pin, Throwable cause) {
        return error(ErrorCode.PIN_BROKEN,
                "The pinned " + pin + " is no longer in " + table + "'s Delta log.",
                "Its commit is older than the log retention (eventlake.maintenance.log-retention), so its files "
                        + "cannot be told apart.",
                "release the pin (./lake unpin), and raise eventlake.maintenance.log-retention above the age of "
                        + "the versions you pin.", cause);
    }

    public static LakeException runMissing(String runId, String runsTable) {
        return error(ErrorCode.RUN_MISSING,
                "Run '" + runId + "' is not in " + runsTable + ".",
                "Only runs recorded there can be rolled back or traced.",
                "pick a run id from ./lake history <table> (column run) or from the runs table.");
    }

    public static LakeException rollbackRefused(String runId, Collection<String> laterWrites) {
        return error(ErrorCode.ROLLBACK_REFUSED,
                "Run '" + runId + "' cannot be rolled back on its own.",
                "Later runs wrote the same tables since: " + String.join("; ", laterWrites)
                        + ". Restoring under them would silently undo their work.",
                "roll those runs back too with --cascade, or restore single tables with --to-version.");
    }

    /** An error's class and message; the class alone when it has no message. */
    private static String describe(Throwable error) {
        return error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    // ---- SQL ---------------------------------------------------------------------------------------------

    public static LakeException sqlInvalid(String sql, String reason) {
        return error(ErrorCode.SQL_INVALID,
                "The query '" + abbreviated(sql) + "' cannot run.",
                reason,
                "correct the query; './lake sql \"SHOW TABLES IN gold\"' lists a database's tables and "
                        + "'./lake sql \"DESCRIBE gold.daily_store_sales\"' a table's columns.");
    }

    public static LakeException sqlWriteRefused(String sql, String statement) {
        return error(ErrorCode.SQL_WRITE_REFUSED,
                "The statement '" + abbreviated(sql) + "' (" + statement + ") was refused: it would change the lake.",
                "SQL access to the lake is read-only: only eventlake's jobs write its tables, so every change is a "
                        + "recorded, audited run.",
                "query with SELECT (time travel: VERSION AS OF / TIMESTAMP AS OF), DESCRIBE, DESCRIBE HISTORY or SHOW; "
                        + "change a table with its job, or undo a version with './lake rollback'.");
    }

    public static LakeException sqlServerNoPassword(String variable, String fileKey) {
        return error(ErrorCode.SQL_SERVER_NO_PASSWORD,
                "The SQL endpoint has no password for its clients.",
                "Every client authenticates; the password comes from the environment variable " + variable
                        + " or from the file " + fileKey + " names, never from a configuration file in the repository.",
                "export " + variable + "=<a password>, or put it on the first line of a file outside conf/ (chmod "
                        + "600) and set " + fileKey + " (or EVENTLAKE_SQL_PASSWORD_FILE) to its path.");
    }

    public static LakeException sqlServerPasswordFileUnsafe(String file, String reason) {
        return error(ErrorCode.SQL_SERVER_PASSWORD_FILE_UNSAFE,
                "The SQL endpoint's password file " + file + " was refused: " + reason + ".",
                "A password must stay out of the repository and away from other users of this machine.",
                "keep the file outside conf/ and the repository, holding the password on its first line, and make "
                        + "it readable by you only: chmod 600 " + file + ".");
    }

    public static LakeException sqlServerNeedsSpark(String sparkHomeKey, String reason) {
        return error(ErrorCode.SQL_SERVER_NEEDS_SPARK,
                "The SQL endpoint cannot start: " + reason + ".",
                "It runs on a Spark 3.5 distribution's Thrift server jars (spark-hive-thriftserver, "
                        + "hive-service-rpc), which the spark-submit jar does not bundle.",
                "set " + sparkHomeKey + " (or SPARK_HOME) to a Spark 3.5 distribution; ./lake sets it to the "
                        + "project's pyspark (./lake setup installs it).");
    }

    public static LakeException sqlServerNotStarted(String url, String reason, String log) {
        return error(ErrorCode.SQL_SERVER_NOT_STARTED,
                "The SQL endpoint did not start on " + url + ": " + reason + ".",
                "Its log is " + log + ".",
                "read the log's last lines; a port in use needs another --set sql-server.port=<port> (or "
                        + "EVENTLAKE_SQL_PORT), and ./lake sql-server status tells whether one is already running.");
    }

    private static String abbreviated(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
    }
}
