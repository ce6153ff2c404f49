package io.eventlake.devtools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: s3proxy (its own JVM) on 127.0.0.1, keeping objects as plain files under
 * {@code <dir>/data/<bucket>/<key>}, with one access key and secret (AWS signature v2 or v4).
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "eventlake-test-access";
    static final String SECRET_KEY = "eventlake-test-secret";
    private final Process process;
    private final Path data;
    private final int port;

    private S3ProxyServer(Process process, Path data, int port) {
        this.process = process;
        this.data = data;
        this.port = port;
    }

    /** Starts the server and waits (up to a minute) until it accepts connections. */
    static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        Path data = Files.createDirectories(dir.resolve("data"));
        int port = freePort();
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data, ""));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("eventlake.s3proxy-jar"), "--properties", properties.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, data, port);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("s3proxy did not start; log:\n"
                            + Files.readString(dir.resolve("s3proxy.log")));
                }
                Thread.sleep(200);
            }
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a bucket (a folder of the file store). */
    void createBucket(String bucket) {
        try {
            Files.createDirectories(data.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the objects of {@code s3a://<bucket>/<key>} are, as files. */
    Path files(String bucket, String key) {
        return data.resolve(bucket).resolve(key);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
