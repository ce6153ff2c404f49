package io.eventlake.orchestration.sqlserver;

import io.eventlake.errors.LakeErrors;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SQL endpoint as a background process of its own ({@code lake sql-server start|stop|status}): a JVM running
 * {@code lake sql-server run} on this process's class path plus the Thrift server jars of a Spark distribution,
 * its pid and log under {@code <state dir>}. Starting one that runs, or stopping one that does not, changes nothing.
 */
public final class SqlServerProcess {
    /** The jars of a Spark distribution the endpoint needs beyond Spark SQL and Hive (names start so). */
    static final List<String> THRIFT_JARS = List.of("spark-hive-thriftserver_", "hive-service-rpc-");

    private final Path stateDir;
    private final SqlServerSettings settings;

    /**
     * @param stateDir where the pid file and the log live ({@code <lake-root>/_sql-server})
     */
    public SqlServerProcess(Path stateDir, SqlServerSettings settings) {
        this.stateDir = stateDir;
        this.settings = settings;
    }

    /** A running endpoint: its pid and log. */
    public record Running(long pid, Path log) {
    }

    /** The endpoint started from this state dir, when its process is alive. */
    public Optional<Running> running() {
        Path pidFile = pidFile();
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> new Running(pid, log()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts connections on the endpoint's port. */
    public boolean accepting() {
        String host = settings.bindHost().equals("0.0.0.0") ? "127.0.0.1" : settings.bindHost();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, settings.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts {@code lake sql-server run <arguments>} in the background and waits until it accepts connections.
     *
     * @param arguments the configuration options of this command, so the endpoint loads the same settings
     * @return the running endpoint (the one already running, when there is one)
     * @throws io.eventlake.errors.LakeException {@code SQL_SERVER_NEEDS_SPARK} without a Spark distribution,
     *     {@code SQL_SERVER_NOT_STARTED} when it exits or does not listen in time (with its log named)
     */
    public Running start(List<String> arguments) {
        Optional<Running> already = running();
        if (already.isPresent()) {
            return already.get();
        }
        if (accepting()) {
            throw LakeErrors.sqlServerNotStarted(settings.jdbcUrl(), "port " + settings.port()
                    + " is already in use by another process", log().toString());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.maxHeap());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty") || a.startsWith("-Dlog4j"))
                .forEach(command::add);
        // a launcher's quiet logging writes to ${sys:eventlake.log.file}: the endpoint's go to its own log
        command.add("-Deventlake.log.file=" + log());
        command.add("-cp");
        command.add(classPath());
        command.add(io.eventlake.orchestration.cli.LakeCommand.class.getName());
        command.addAll(List.of("sql-server", "run"));
        command.addAll(arguments);
        try {
            Files.createDirectories(stateDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log().toFile()));
            builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
            Process process = builder.start();
            Files.writeString(pidFile(), process.pid() + "\n");
            long deadline = System.nanoTime() + settings.startTimeout().toNanos();
            while (!accepting()) {
                if (!process.isAlive()) {
                    Files.deleteIfExists(pidFile());
                    throw LakeErrors.sqlServerNotStarted(settings.jdbcUrl(), "it exited with status "
                            + process.exitValue() + ": " + lastLines(4), log().toString());
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    Files.deleteIfExists(pidFile());
                    throw LakeErrors.sqlServerNotStarted(settings.jdbcUrl(), "it did not listen within "
                            + settings.startTimeout().toSeconds() + " s", log().toString());
                }
                Thread.sleep(200);
            }
            return new Running(process.pid(), log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the SQL endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the SQL endpoint", e);
        }
    }

    /** Stops the running endpoint (SIGTERM, then a kill after {@code grace}); empty when none ran. */
    public Optional<Running> stop(Duration grace) {
        Optional<Running> running = running();
        running.flatMap(r -> ProcessHandle.of(r.pid())).ifPresent(process -> {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        });
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile(), e);
        }
        return running;
    }

    /** The endpoint's log. */
    public Path log() {
        return stateDir.resolve("server.log");
    }

    private Path pidFile() {
        return stateDir.resolve("server.pid");
    }

    private String classPath() {
        Path jars = settings.sparkHome().orElseThrow(() -> LakeErrors.sqlServerNeedsSpark(
                SqlServerSettings.SPARK_HOME, "no Spark distribution is set")).resolve("jars");
        List<String> path = new ArrayList<>(List.of(System.getProperty("java.class.path")));
        for (String prefix : THRIFT_JARS) {
            try (Stream<Path> files = Files.list(jars)) {
                Path jar = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                                && f.getFileName().toString().endsWith(".jar")).findFirst()
                        .orElseThrow(() -> LakeErrors.sqlServerNeedsSpark(SqlServerSettings.SPARK_HOME,
                                jars + " holds no " + prefix + "*.jar"));
                path.add(jar.toString());
            } catch (IOException e) {
                throw LakeErrors.sqlServerNeedsSpark(SqlServerSettings.SPARK_HOME, jars + " cannot be read ("
                        + e.getMessage() + ")");
            }
        }
        return String.join(File.pathSeparator, path);
    }

    private String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("error:") || l.contains("Exception")).toList();
            return lines.isEmpty() ? "see its log" : String.join(" | ",
                    lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "see its log";
        }
    }
}
