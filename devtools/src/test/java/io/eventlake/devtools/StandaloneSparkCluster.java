package io.eventlake.devtools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Spark cluster for tests: one master and one worker from the project's Spark distribution
 * (pyspark 3.5.7: {@code sbin/spark-daemon.sh}), on 127.0.0.1, each its own JVM. The worker (and so every
 * executor it launches) runs with {@code environment} added, e.g. object store credentials.
 */
final class StandaloneSparkCluster implements AutoCloseable {
    private static final String MASTER = "org.apache.spark.deploy.master.Master";
    private static final String WORKER = "org.apache.spark.deploy.worker.Worker";
    private final Path sparkHome;
    private final Path dir;
    private final Map<String, String> environment;
    private final int port;
    private final List<String> started = new ArrayList<>();

    private StandaloneSparkCluster(Path sparkHome, Path dir, Map<String, String> environment, int port) {
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.environment = environment;
        this.port = port;
    }

    /** Starts the master and a worker of {@code cores} and {@code memory}, and waits until the worker is alive. */
    static StandaloneSparkCluster start(Path sparkHome, Path dir, int cores, String memory,
                                        Map<String, String> environment) throws IOException, InterruptedException {
        int port = S3ProxyServer.freePort();
        int masterUi = S3ProxyServer.freePort();
        int workerUi = S3ProxyServer.freePort();
        StandaloneSparkCluster cluster = new StandaloneSparkCluster(sparkHome, dir, environment, port);
        try {
            cluster.daemon("start", MASTER, "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
                    String.valueOf(masterUi));
            cluster.daemon("start", WORKER, cluster.masterUrl(), "--host", "127.0.0.1", "--cores",
                    String.valueOf(cores), "--memory", memory, "--webui-port", String.valueOf(workerUi),
                    "--work-dir", Files.createDirectories(dir.resolve("work")).toString());
            cluster.awaitWorker(masterUi);
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    private void daemon(String action, String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(sparkHome.resolve("sbin/spark-daemon.sh").toString(), action,
                main, "1"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemons.log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARK_LOG_DIR", dir.resolve("logs").toString());
        builder.environment().put("SPARK_PID_DIR", dir.resolve("pids").toString());
        builder.environment().put("SPARK_IDENT_STRING", "eventlake-test-" + port);
        Process process = builder.start();
        if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("spark-daemon.sh " + action + " " + main + " failed; see "
                    + dir.resolve("daemons.log") + " and " + dir.resolve("logs"));
        }
        if (action.equals("start")) {
            started.add(0, main);
        }
    }

    private void awaitWorker(int masterUi) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(status, HttpResponse.BodyHandlers.ofString()).body();
                if (body.replaceAll("\\s", "").contains("\"aliveworkers\":1")) {
                    return;
                }
            } catch (IOException notYet) {
                // the master's UI is not up yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("no worker registered with " + masterUrl() + " within a minute; logs in "
                + dir.resolve("logs"));
    }

    @Override
    public void close() {
        for (String main : List.copyOf(started)) {
            try {
                daemon("stop", main);
            } catch (IOException | RuntimeException e) {
                // stop what else is running
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
    }
}
