package io.eventlake.devtools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.devtools.generate.EventGenerator;
import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.devtools.generate.KafkaEventWriter;
import io.eventlake.orchestration.cli.LakeCommand;
import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shaded jar on a real standalone Spark cluster (a master and a worker of the project's Spark 3.5.7), with the
 * lake on a real S3 API server (s3proxy): the whole pipeline gives the same tables, row for row, as the same run in
 * local mode on local disk; a missing bucket and wrong credentials fail at start-up, naming them.
 */
@Tag("e2e")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterS3IT {
    private static final Path ROOT = Path.of(System.getProperty("eventlake.root"));
    private static final String BUCKET = "retail-lake";
    private final Path work = TestSpark.tempDir("cluster");
    private final String topic = TestKafka.newTopic("cluster", 2);
    private Path sparkHome;
    private S3ProxyServer s3;
    private StandaloneSparkCluster cluster;

    record Run(int status, String output, double seconds) {
    }

    @BeforeAll
    void aClusterAndAnObjectStore() throws Exception {
        Path sparkHomeFile = ROOT.resolve(".venv/spark-home");
        assertTrue(Files.isRegularFile(sparkHomeFile), sparkHomeFile + " is missing: run './lake setup' (./lake test does)");
        sparkHome = Path.of(Files.readString(sparkHomeFile).trim());
        long started = System.nanoTime();
        s3 = S3ProxyServer.start(Files.createDirectories(work.resolve("s3")));
        s3.createBucket(BUCKET);
        System.out.printf("s3proxy up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        cluster = StandaloneSparkCluster.start(sparkHome, Files.createDirectories(work.resolve("cluster")), 2, "2g",
                credentials(S3ProxyServer.SECRET_KEY));
        System.out.printf("standalone cluster (master + worker) up in %.1f s%n", (System.nanoTime() - started) / 1e9);
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        faults.put(FaultKind.MALFORMED_JSON, 0.03);
        faults.put(FaultKind.DUPLICATE, 0.05);
        new KafkaEventWriter(TestKafka.bootstrapServers()).send(topic, 2, new EventGenerator(
                new GeneratorSettings(400, 0, 23, 2, faults), ContractRegistry.load(ContractRegistry.CLASSPATH)), 0);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static Map<String, String> credentials(String secret) {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret);
    }

    /** The pipeline's arguments for a lake at {@code lakeRoot}; the object store's settings for an s3a one. */
    private List<String> pipeline(String lakeRoot) {
        List<String> args = new ArrayList<>(List.of("pipeline", "--available-now", "--run-id", "cluster-it",
                "--set", "lake-root=\"" + lakeRoot + "\"",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "spark.catalog=in-memory",
                "--set", "spark.shuffle-partitions=2"));
        if (lakeRoot.startsWith("s3a://")) {
            args.addAll(List.of("--set", "s3.endpoint=\"" + s3.endpoint() + "\"", "--set", "s3.path-style-access=true",
                    "--set", "s3.ssl=false"));
        }
        return args;
    }

    /** spark-submit of the shaded jar to the cluster, with the credentials of {@code environment}. */
    private Run submit(List<String> args, Map<String, String> environment, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(sparkHome.resolve("bin/spark-submit").toString(),
                "--master", cluster.masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.driver.extraJavaOptions=-Dlog4j2.configurationFile=" + ROOT.resolve(
                        "conf/log4j2.properties"),
                "--driver-memory", "1g", "--class", LakeCommand.class.getName(),
                System.getProperty("eventlake.spark-jar")));
        command.addAll(args);
        ProcessBuilder builder = LocalPath.builder(command, work.resolve(name + ".log"));
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().putAll(environment);
        builder.environment().putAll(TestCli.WITH_KEY);
        return run(builder, name);
    }

    private Run run(ProcessBuilder builder, String name) throws Exception {
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " timed out; log: " + work.resolve(name + ".log"));
        }
        return new Run(process.exitValue(), Files.readString(work.resolve(name + ".log")),
                (System.nanoTime() - started) / 1e9);
    }

    @Test
    void thePipelineOnTheClusterOverS3aEqualsTheLocalRunRowForRow() throws Exception {
        Run onCluster = submit(pipeline("s3a://" + BUCKET + "/lake"), credentials(S3ProxyServer.SECRET_KEY),
                "cluster");
        assertEquals(0, onCluster.status(), "the cluster run failed:\n" + onCluster.output());
        Path local = work.resolve("local-lake");
        ProcessBuilder localRun = LocalPath.builder(LocalPath.command(pipeline(local.toString())),
                work.resolve("local.log"));
        localRun.environment().putAll(TestCli.WITH_KEY);
        Run onLocal = run(localRun, "local");
        assertEquals(0, onLocal.status(), "the local run failed:\n" + onLocal.output());
        System.out.printf("pipeline --available-now of 400 events: cluster over s3a %.0f s, local mode %.0f s%n",
                onCluster.seconds(), onLocal.seconds());

        // every table of the layers, in both lakes (the S3 server keeps objects as files: read them as they are)
        Path onS3 = s3.files(BUCKET, "lake");
        TreeSet<String> tables = tables(local);
        assertEquals(tables, tables(onS3), "the same tables");
        assertTrue(tables.containsAll(List.of("bronze/events", "silver/orders", "gold/daily_store_sales",
                "gold/customer_features", "gold/inventory_positions")), tables.toString());
        SparkSession spark = TestSpark.session();
        Map<String, Long> counts = new HashMap<>();
        for (String table : tables) {
            Dataset<Row> a = withoutRunIds(spark.read().format("delta").load(onS3.resolve(table).toString()));
            Dataset<Row> b = withoutRunIds(spark.read().format("delta").load(local.resolve(table).toString()));
            assertEquals(b.count(), a.count(), table);
            assertEquals(0, a.exceptAll(b).count() + b.exceptAll(a).count(), table + ": the same rows");
            counts.put(table, a.count());
        }
        assertTrue(counts.get("silver/orders") > 0 && counts.get("gold/daily_store_sales") > 0, counts.toString());
    }

    @Test
    void aMissingBucketAndWrongCredentialsFailAtStartUpNamingThem() throws Exception {
        Run noBucket = submit(List.of("silver", "--available-now", "--set", "lake-root=\"s3a://no-such-bucket/lake\"",
                "--set", "s3.endpoint=\"" + s3.endpoint() + "\"", "--set", "s3.path-style-access=true",
                "--set", "s3.ssl=false", "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\""),
                credentials(S3ProxyServer.SECRET_KEY), "no-bucket");
        assertEquals(LakeCommand.BAD_INPUT, noBucket.status(), noBucket.output());
        assertTrue(noBucket.output().contains("error: The bucket 'no-such-bucket' of the lake at "
                + "s3a://no-such-bucket/lake does not exist."), noBucket.output());

        Run wrongSecret = submit(List.of("silver", "--available-now", "--set", "lake-root=\"s3a://" + BUCKET
                        + "/lake\"", "--set", "s3.endpoint=\"" + s3.endpoint() + "\"", "--set",
                "s3.path-style-access=true", "--set", "s3.ssl=false",
                "--set", "kafka.bootstrap-servers=\"127.0.0.1:1\""), credentials("not-the-secret"), "wrong-secret");
        assertEquals(LakeCommand.BAD_INPUT, wrongSecret.status(), wrongSecret.output());
        assertTrue(wrongSecret.output().contains("error: The object store refused the credentials for the lake at "
                + "s3a://" + BUCKET + "/lake."), wrongSecret.output());
        assertTrue(wrongSecret.output().contains("AWS_ACCESS_KEY_ID"), wrongSecret.output());
    }

    /**
     * The rows without what differs between two runs by design: the run's id and bronze's ingest time (also where
     * silver carries it, in its {@code source} struct).
     */
    private static Dataset<Row> withoutRunIds(Dataset<Row> rows) {
        for (String perRun : List.of("run_id", "ingest_time")) {
            if (Arrays.asList(rows.columns()).contains(perRun)) {
                rows = rows.drop(perRun);
            }
        }
        for (org.apache.spark.sql.types.StructField field : rows.schema().fields()) {
            if (field.dataType() instanceof org.apache.spark.sql.types.StructType struct
                    && Arrays.asList(struct.fieldNames()).contains("ingest_time")) {
                rows = rows.withColumn(field.name(), org.apache.spark.sql.functions.col(field.name())
                        .dropFields(scala.collection.JavaConverters.asScalaBuffer(List.of("ingest_time")).toSeq()));
            }
        }
        return rows;
    }

    /** The Delta tables of a lake's layers, as {@code <layer>/<table>}. */
    private static TreeSet<String> tables(Path lake) throws IOException {
        TreeSet<String> tables = new TreeSet<>();
        for (String layer : List.of("bronze", "silver", "gold")) {
            try (Stream<Path> dirs = Files.list(lake.resolve(layer))) {
                dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log")))
                        .forEach(d -> tables.add(layer + "/" + d.getFileName()));
            }
        }
        return tables;
    }
}
