package io.eventlake.orchestration.config;

import io.eventlake.bronze.BronzeSettings;
import io.eventlake.bronze.KafkaSourceSettings;
import io.eventlake.orchestration.generate.GeneratorSettings;
import io.eventlake.table.TableLocation;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of eventlake, typed and validated, as read once at start-up by {@link LakeConfig}.
 *
 * @param lakeRoot          absolute local path or URI under which tables, checkpoints and the metastore live
 * @param spark             the SparkSession
 * @param contractsLocation {@code classpath} or a contracts folder
 * @param kafka             the Kafka source of bronze
 * @param eventsTable       bronze events table name
 * @param quarantineTable   bronze quarantine table name
 * @param triggerInterval   continuous micro-batch interval
 * @param localKafka        the local broker
 * @param generator         the event generator
 */
public record LakeSettings(String lakeRoot, SparkSettings spark, String contractsLocation,
                           KafkaSourceSettings kafka, String eventsTable, String quarantineTable,
                           Duration triggerInterval, LocalKafkaSettings localKafka, GeneratorSettings generator) {

    /** The bronze job's settings: tables at {@code <lake-root>/<database>/<table>}. */
    public BronzeSettings bronze() {
        return new BronzeSettings(kafka, table(eventsTable), table(quarantineTable), checkpoints(), triggerInterval);
    }

    public TableLocation table(String name) {
        return new TableLocation(name, lakeRoot + "/" + name.replace('.', '/'));
    }

    /** Folder of the streaming checkpoints, one sub-folder per job. */
    public String checkpoints() {
        return lakeRoot + "/_checkpoints";
    }

    /** Whether the lake is on the local file system (not an object store URI). */
    public boolean isLocal() {
        return !lakeRoot.contains("://") || lakeRoot.startsWith("file:");
    }

    /** Local folder for lake-owned local state (metastore, broker data). Only for a local lake. */
    public Path localDir(String name) {
        return Path.of(lakeRoot.replaceFirst("^file:(//)?", "")).resolve(name);
    }

    /** The same settings with another lake root (the demo and benchmarks use their own). */
    public LakeSettings withLakeRoot(String root) {
        return new LakeSettings(root, spark, contractsLocation, kafka, eventsTable, quarantineTable, triggerInterval,
                localKafka, generator);
    }

    /** The same settings reading from another broker and topics. */
    public LakeSettings withKafka(KafkaSourceSettings source) {
        return new LakeSettings(lakeRoot, spark, contractsLocation, source, eventsTable, quarantineTable,
                triggerInterval, localKafka, generator);
    }
}
