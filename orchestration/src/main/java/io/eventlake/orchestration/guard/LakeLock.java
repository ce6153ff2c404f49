package io.eventlake.orchestration.guard;

import io.eventlake.errors.LakeErrors;
import io.eventlake.errors.LakeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The lock a command holds on a local lake root while it runs: {@value #FILE} under the root, locked by the
 * operating system (released when the process ends, even by {@code kill -9}, so it never goes stale) and holding the
 * holder's pid, command line and start time for the error a second process gets.
 *
 * <p>Taking it first checks, within milliseconds, what would otherwise fail minutes later or hang: the root is on a
 * writable file system with at least {@code minFreeBytes} free. A lake on an object store (a URI with a scheme, e.g.
 * {@code s3a://}) is not locked here: its catalog is a shared metastore and Delta's commits are atomic.
 */
public final class LakeLock implements AutoCloseable {
    /** The lock file's name under the lake root. */
    public static final String FILE = "_lake.lock";

    /** Below this much usable space after a failure, the failure is put down to a full disk. */
    static final long FULL_BELOW_BYTES = 1024 * 1024;

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private LakeLock(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks the lake root and locks it for {@code command}.
     *
     * @param lakeRoot     the configured lake root (a local path, or a URI whose scheme is not {@code file})
     * @param command      the command line, shown to a second process
     * @param minFreeBytes the least free space a run needs to start
     * @return the lock; {@link #none()} for a lake on an object store
     */
    public static LakeLock acquire(String lakeRoot, String command, long minFreeBytes) {
        Path root = localPath(lakeRoot);
        if (root == null) {
            return none();
        }
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            if (existing != null) {
                FileStore store = Files.getFileStore(existing);
                if (store.isReadOnly() || !Files.isWritable(existing)) {
                    throw LakeErrors.lakeNotWritable(root.toString(), "the file system of " + existing
                            + " is read-only or not writable by this user");
                }
                long free = store.getUsableSpace();
                if (free < minFreeBytes) {
                    throw LakeErrors.lakeDiskFull(root.toString(), free, minFreeBytes);
                }
            }
            Files.createDirectories(root);
        } catch (IOException e) {
            throw LakeErrors.lakeNotWritable(root.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Path file = root.resolve(FILE);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by another command of this same process
            }
            if (lock == null) {
                String holder = read(channel);
                channel.close();
                throw LakeErrors.lakeLocked(root.toString(), file.toString(), holder.isBlank()
                        ? "a process that has not written its name yet" : holder.trim());
            }
            String holder = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + ": " + command
                    + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new LakeLock(root, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw LakeErrors.lakeNotWritable(root.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** No lock (a lake on an object store). */
    public static LakeLock none() {
        return new LakeLock(null, null, null);
    }

    /**
     * What a command's failure says about the lake it holds: when the lake's file system turned read-only or has
     * (almost) no space left since the command started, the environment error saying so, with {@code failure} as
     * its cause; empty when the file system looks healthy (the failure is reported as it is) or the lake is not
     * local. Asks the file system, never the failure's message text.
     */
    public Optional<LakeException> diagnose(Throwable failure) {
        if (root == null) {
            return Optional.empty();
        }
        try {
            FileStore store = Files.getFileStore(root);
            if (store.isReadOnly()) {
                return Optional.of(LakeErrors.lakeTurnedReadOnly(root.toString(), failure));
            }
            long free = store.getUsableSpace();
            return free < FULL_BELOW_BYTES
                    ? Optional.of(LakeErrors.lakeDiskFilled(root.toString(), free, failure))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The local path of a lake root; null for a URI with another scheme than {@code file}. */
    static Path localPath(String lakeRoot) {
        if (lakeRoot.startsWith("file:")) {
            return Path.of(lakeRoot.replaceFirst("^file:(//)?", "/").replaceFirst("^//+", "/"));
        }
        return lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? null : Path.of(lakeRoot);
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the channel; nothing else to undo
            }
        }
    }

    /** Releases the lock (the file stays, empty of meaning until the next holder writes its name). */
    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel below releases it too
            }
        }
        closeQuietly(channel);
    }
}
