package io.eventlake.orchestration.cli;

import static io.eventlake.testing.TestCli.local;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.testing.TestCli;
import io.eventlake.testing.TestKafka;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * An existing lake on a real file system that turns read-only or full (a small tmpfs, mounted by the test; CI runs
 * as root): the command fails within seconds naming the path, the cause and the fix, and the same command succeeds
 * after the cause is removed, with no manual clean-up.
 */
@Tag("e2e")
class LakeFaultsTest {
    private final List<Path> mounts = new ArrayList<>();

    private Path tmpfs(String name, String size) {
        Path dir = TestSpark.tempDir(name);
        sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        mounts.add(dir);
        return dir;
    }

    @AfterEach
    void unmount() {
        mounts.forEach(dir -> sh("umount", "-l", dir.toString()));
    }

    private static void sh(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), String.join(" ", command) + " (the fault tests mount a tmpfs and need "
                    + "root): " + output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The production CLI, as spark-submit runs it. */
    private static TestCli.Run lake(String... args) {
        return TestCli.run(CliExtension.NONE, TestCli.WITH_KEY, args);
    }

    private static String[] bronze(Path root, String topic, String tables) {
        return local("bronze", "--available-now",
                "--set", "kafka.bootstrap-servers=\"" + TestKafka.bootstrapServers() + "\"",
                "--set", "kafka.topics=[\"" + topic + "\"]",
                "--set", "lake-root=\"" + root.resolve("lake") + "\"",
                "--set", "bronze.events-table=" + tables + ".events",
                "--set", "bronze.quarantine-table=" + tables + ".quarantine");
    }

    private static void send(String topic, int from, int count) {
        List<String> values = IntStream.range(from, from + count).mapToObj(i -> io.eventlake.testing.SampleEvents
                .json(io.eventlake.testing.SampleEvents.orderPlaced("fault-" + i))).toList();
        TestKafka.send(topic, values.stream().map(v -> "k").toList(), values);
    }

    @Test
    void aReadOnlyLakeFailsWithinSecondsAndTheRerunAfterTheFixSucceeds() {
        Path mount = tmpfs("ro-lake", "256m");
        String topic = TestKafka.newTopic("fault-ro", 1);
        send(topic, 0, 20);
        TestCli.Run first = lake(bronze(mount, topic, "ro"));
        assertEquals(LakeCommand.OK, first.status(), first.err());
        send(topic, 20, 10);

        sh("mount", "-o", "remount,ro", mount.toString());
        long started = System.nanoTime();
        TestCli.Run refused = lake(bronze(mount, topic, "ro"));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(LakeCommand.FAILED, refused.status(), refused.err());
        assertTrue(seconds < 30, "failed after " + seconds + " s");
        assertTrue(refused.err().startsWith("error: The lake at " + mount.resolve("lake") + " cannot be written."),
                refused.err());
        assertTrue(refused.err().contains("read-only") && refused.err().contains("Fix: make the path writable"),
                refused.err());

        sh("mount", "-o", "remount,rw", mount.toString());
        TestCli.Run rerun = lake(bronze(mount, topic, "ro"));
        assertEquals(LakeCommand.OK, rerun.status(), rerun.err());
        assertTrue(rerun.out().contains(": 10 records"), rerun.out());
        assertEquals(30, TestSpark.session().table("ro.events").count());
    }

    @Test
    void aFullDiskFailsWithinSecondsAndTheRerunAfterSpaceIsFreedSucceeds() throws IOException {
        Path mount = tmpfs("full-lake", "128m");
        String topic = TestKafka.newTopic("fault-full", 1);
        send(topic, 0, 20);
        Path filler = mount.resolve("filler");
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                file.write(block); // leaves ~28 MB: less than the 64 MB a run needs to start
            }
        }

        long started = System.nanoTime();
        TestCli.Run refused = lake(bronze(mount, topic, "full"));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(LakeCommand.FAILED, refused.status(), refused.err());
        assertTrue(seconds < 30, "failed after " + seconds + " s");
        assertTrue(refused.err().startsWith("error: The file system of the lake at " + mount.resolve("lake")
                + " has "), refused.err());
        assertTrue(refused.err().contains("Fix: free space there"), refused.err());

        Files.delete(filler);
        TestCli.Run rerun = lake(bronze(mount, topic, "full"));
        assertEquals(LakeCommand.OK, rerun.status(), rerun.err());
        assertEquals(20, TestSpark.session().table("full.events").count());
    }

    /**
     * The disk fills while a command runs (the start check passed: here it is turned off, and the tmpfs has a few
     * pages left, so the first table creations succeed and a later write runs out of space). The command fails
     * within seconds saying the disk is full, and once space is freed the same command creates what is missing
     * and lands every record, with no manual clean-up of the half-written logs it left.
     */
    @Test
    void aDiskThatFillsDuringARunFailsClearlyAndTheRerunAfterSpaceIsFreedSucceeds() throws IOException {
        Path mount = tmpfs("filling-lake", "80m");
        String topic = TestKafka.newTopic("fault-filling", 1);
        send(topic, 0, 20);
        Path filler = mount.resolve("filler");
        fill(filler, Long.getLong("eventlake.test.leave-kib", 48) * 1024);

        List<String> noStartCheck = new ArrayList<>(List.of(bronze(mount, topic, "filling")));
        noStartCheck.addAll(List.of("--set", "eventlake.min-free-space=0"));
        TestSpark.session(); // the time measured is the command's, not this JVM's first session start
        long started = System.nanoTime();
        TestCli.Run failed = lake(noStartCheck.toArray(String[]::new));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(LakeCommand.FAILED, failed.status(), failed.err());
        assertTrue(seconds < 30, "failed after " + seconds + " s");
        assertTrue(failed.err().startsWith("error: The file system of the lake at " + mount.resolve("lake")
                + " filled up during the run"), failed.err());
        assertTrue(failed.err().contains("Fix: free space there"), failed.err());

        Files.delete(filler);
        TestCli.Run rerun = lake(bronze(mount, topic, "filling"));
        assertEquals(LakeCommand.OK, rerun.status(), rerun.err());
        assertEquals(20, TestSpark.session().table("filling.events").count());
    }

    /** Fills the file system of {@code filler} until {@code leaveBytes} are left. */
    private static void fill(Path filler, long leaveBytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            long free = Files.getFileStore(filler).getUsableSpace();
            file.setLength(0);
            byte[] block = new byte[4096];
            for (long written = 0; written < free - leaveBytes; written += block.length) {
                file.write(block);
            }
        }
    }
}
