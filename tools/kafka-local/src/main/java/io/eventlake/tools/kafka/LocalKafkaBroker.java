package io.eventlake.tools.kafka;

import io.eventlake.kafka.KafkaTopics;
import io.eventlake.errors.LakeErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) running as its own JVM, with
 * the classpath the build resolved into {@code tools/kafka-broker/target/broker.classpath}. It listens on
 * 127.0.0.1 only and keeps its data and log under {@code dataDir}.
 *
 * <p>The process outlives the JVM that started it ({@code ./lake kafka start} returns while the broker runs);
 * its pid is kept in {@code dataDir/broker.pid} so {@link #stop} and {@link #running} work from another process.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final String MAIN_CLASS = "kafka.Kafka";
    private static final String FORMAT_CLASS = "kafka.tools.StorageTool";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * @param dataDir        broker data, log, pid and properties live here
     * @param port           client port on 127.0.0.1
     * @param controllerPort KRaft controller port on 127.0.0.1
     * @param classpathFile  file holding the broker's classpath
     * @param maxHeap        the broker JVM's -Xmx, e.g. {@code 512m}
     */
    public record Settings(Path dataDir, int port, int controllerPort, Path classpathFile, String maxHeap) {

        /** Settings on two ports free right now, for a broker that must not clash with any other. */
        public static Settings onFreePorts(Path dataDir, Path classpathFile, String maxHeap) {
            return new Settings(dataDir, freePort(), freePort(), classpathFile, maxHeap);
        }
    }

    private final Settings settings;
    private final ProcessHandle process;

    private LocalKafkaBroker(Settings settings, ProcessHandle process) {
        this.settings = settings;
        this.process = process;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public long pid() {
        return process.pid();
    }

    /** Formats the storage on first use, starts the broker and waits until it answers clients. */
    public static LocalKafkaBroker start(Settings settings) {
        Optional<ProcessHandle> existing = running(settings.dataDir());
        if (existing.isPresent()) {
            throw LakeErrors.kafkaBrokerFailed("A local Kafka broker already runs from '" + settings.dataDir()
                    + "' (pid " + existing.get().pid() + ").", "Only one broker may use a data directory.", null);
        }
        String classpath = classpath(settings.classpathFile());
        try {
            Files.createDirectories(settings.dataDir());
            Path properties = settings.dataDir().resolve("server.properties");
            Files.writeString(properties, serverProperties(settings), StandardCharsets.UTF_8);
            Path logDirs = settings.dataDir().resolve("kraft-logs");
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                runToCompletion(settings, classpath, List.of(FORMAT_CLASS, "format", "-t",
                        Uuid.randomUuid().toString(), "-c", properties.toString()), "format");
            }
            if (!portFree(settings.port()) || !portFree(settings.controllerPort())) {
                throw LakeErrors.kafkaBrokerFailed("Port " + settings.port() + " or " + settings.controllerPort()
                        + " on 127.0.0.1 is already in use.", "The local broker needs both.", null);
            }
            Process process = new ProcessBuilder(javaCommand(settings, classpath, List.of(MAIN_CLASS,
                    properties.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(log(settings).toFile())
                    .start();
            Files.writeString(pidFile(settings.dataDir()), Long.toString(process.pid()));
            LocalKafkaBroker broker = new LocalKafkaBroker(settings, process.toHandle());
            broker.awaitReady(process);
            return broker;
        } catch (IOException e) {
            throw LakeErrors.kafkaBrokerFailed("Starting the local Kafka broker failed.", e.getMessage(), e);
        }
    }

    /** The broker process running from {@code dataDir}, if any. */
    public static Optional<ProcessHandle> running(Path dataDir) {
        Path pidFile = pidFile(dataDir);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            // The marker precedes the (long) classpath: the OS may truncate what it reports of a command line.
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker(dataDir))).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the broker running from {@code dataDir} (graceful, then forced). Returns false if none ran. */
    public static boolean stop(Path dataDir) {
        Optional<ProcessHandle> process = running(dataDir);
        process.ifPresent(LocalKafkaBroker::terminate);
        try {
            Files.deleteIfExists(pidFile(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return process.isPresent();
    }

    @Override
    public void close() {
        terminate(process);
        try {
            Files.deleteIfExists(pidFile(settings.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private void awaitReady(Process starting) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!starting.isAlive()) {
                throw LakeErrors.kafkaBrokerFailed("The local Kafka broker exited with status " + starting.exitValue()
                        + " while starting.", "Its log is '" + log(settings) + "': " + tail(log(settings)), null);
            }
            if (!portFree(settings.port())) {
                try (Admin admin = KafkaTopics.admin(bootstrapServers())) {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
            sleep(Duration.ofMillis(200));
        }
        close();
        throw LakeErrors.kafkaBrokerFailed("The local Kafka broker did not become ready within " + START_TIMEOUT
                .toSeconds() + " s.", "Its log is '" + log(settings) + "'; last error: " + last, last);
    }

    private static void runToCompletion(Settings settings, String classpath, List<String> args, String step)
            throws IOException {
        Process process = new ProcessBuilder(javaCommand(settings, classpath, args))
                .redirectErrorStream(true)
                .redirectOutput(log(settings).toFile())
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw LakeErrors.kafkaBrokerFailed("The local Kafka broker's " + step + " step failed.",
                        "Its log is '" + log(settings) + "': " + tail(log(settings)), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static List<String> javaCommand(Settings settings, String classpath, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.maxHeap());
        command.add("-XX:+UseG1GC");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add(marker(settings.dataDir()));
        command.add("-Dkafka.logs.dir=" + settings.dataDir().resolve("logs"));
        command.add("-cp");
        command.add(classpath);
        command.addAll(args);
        return command;
    }

    static String serverProperties(Settings settings) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + settings.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + settings.port() + ",CONTROLLER://127.0.0.1:"
                        + settings.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + settings.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + settings.dataDir().resolve("kraft-logs"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "") ;
    }

    private static String classpath(Path classpathFile) {
        if (classpathFile == null || !Files.isRegularFile(classpathFile)) {
            throw LakeErrors.kafkaBrokerNotBuilt(String.valueOf(classpathFile));
        }
        try {
            return Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Names the data directory on the broker's command line, so a pid is only taken for our broker. */
    private static String marker(Path dataDir) {
        return "-Deventlake.kafka.data-dir=" + dataDir.toAbsolutePath().normalize();
    }

    private static Path pidFile(Path dataDir) {
        return dataDir.resolve("broker.pid");
    }

    /** The broker's console log. */
    public static Path log(Settings settings) {
        return settings.dataDir().resolve("broker.log");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** A TCP port on 127.0.0.1 that nothing listens on right now. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean portFree(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }
}
