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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a command holds on a local lake root while it runs: the root checked, and one lock per table it writes.
 *
 * <p>{@link #open} checks, within milliseconds, what would otherwise fail minutes later or hang: the root is on a
 * writable file system with at least {@code minFreeBytes} free. It locks nothing: any number of processes read and
 * write one lake at a time (each registers the tables it uses by path in its own session catalog, so no catalog is
 * shared). {@link #write} then locks the tables the command writes, one file each under {@value #DIR} locked by the
 * operating system (released when the process ends, even by {@code kill -9}, so it never goes stale) and holding
 * the holder's pid, run, command line and start time for the error a second writer of the same table gets. A table
 * has one writer at a time because its streaming checkpoint, its refresh state and its metrics history are not
 * shared; appends to the runs and gate results tables are Delta blind appends and need no lock.
 *
 * <p>A lake on an object store (a URI with a scheme, e.g. {@code s3a://}) is not locked here: its scheduler runs one
 * job per table at a time (Airflow's {@code max_active_runs}), and Delta's commits are atomic.
 */
public final class LakeLock implements AutoCloseable {
    /** The folder of the table locks under the lake root. */
    public static final String DIR = "_locks";

    /** Below this much usable space after a failure, the failure is put down to a full disk. */
    static final long FULL_BELOW_BYTES = 1024 * 1024;

    private final Path root;
    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Held> held = new LinkedHashMap<>();
    private String run;

    private record Held(Path file, FileChannel channel, FileLock lock) {
    }

    private LakeLock(Path root, String command) {
        this.root = root;
        this.command = command;
    }

    /**
     * Checks the lake root for {@code command} (writable, enough free space), creating it when missing.
     *
     * @param lakeRoot     the configured lake root (a local path, or a URI whose scheme is not {@code file})
     * @param command      the command line, shown to a second writer of a table this command locks
     * @param minFreeBytes the least free space a run needs to start
     * @return the lake, holding no table yet; one that locks nothing for a lake on an object store
     */
    public static LakeLock open(String lakeRoot, String command, long minFreeBytes) {
        Path root = localPath(lakeRoot);
        if (root == null) {
            return new LakeLock(null, command);
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
        return new LakeLock(root, command);
    }

    /** A lake that locks nothing (on an object store, or for a test that needs no lock). */
    public static LakeLock none() {
        return new LakeLock(null, "");
    }

    /**
     * Locks every table of {@code tables} for this command, or none of them: a table another process (or another
     * command of this one) writes is refused naming the table and its writer. Tables already held are skipped.
     *
     * @throws LakeException {@code TABLE_LOCKED} naming the first table held elsewhere and its holder
     */
    public LakeLock write(Collection<String> tables) {
        tryWrite(tables).ifPresent(refused -> {
            throw LakeErrors.tableLocked(refused.table(), refused.file().toString(), refused.holder());
        });
        return this;
    }

    /**
     * Locks every table of {@code tables}, or none of them, and says which table was held elsewhere (and by whom)
     * when it could not: for a command that leaves a table to a writer already running (a gold refresh beside a
     * continuous pipeline leaves the inventory path to it).
     */
    public Optional<Refused> tryWrite(Collection<String> tables) {
        if (root == null) {
            return Optional.empty();
        }
        List<String> taken = new ArrayList<>();
        for (String table : new TreeSet<>(tables)) { // one order for every process
            if (held.containsKey(table)) {
                continue;
            }
            Optional<Refused> refused = lock(table);
            if (refused.isPresent()) {
                taken.forEach(this::release);
                return refused;
            }
            taken.add(table);
        }
        return Optional.empty();
    }

    /** A table another writer holds: its name, its lock file and the holder's pid, run and command line. */
    public record Refused(String table, Path file, String holder) {
    }

    /** Names the run of this command in the locks it holds and takes from now on (for a second writer's error). */
    public void recordRun(String runId) {
        this.run = runId;
        held.values().forEach(h -> {
            try {
                writeHolder(h.channel());
            } catch (IOException e) {
                // the lock itself holds; only the description a second writer reads is stale
            }
        });
    }

    /** The tables this command holds. */
    public List<String> tables() {
        return List.copyOf(held.keySet());
    }

    private Optional<Refused> lock(String table) {
        Path file = root.resolve(DIR).resolve(table + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
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
                return Optional.of(new Refused(table, file, holder.isBlank()
                        ? "a process that has not written its name yet" : holder.trim()));
            }
            writeHolder(channel);
            held.put(table, new Held(file, channel, lock));
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw LakeErrors.lakeNotWritable(root.toString(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void writeHolder(FileChannel channel) throws IOException {
        String holder = "pid " + ProcessHandle.current().pid() + (run == null ? "" : ", run " + run) + ", started "
                + started + ": " + command + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
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

    private void release(String table) {
        Held h = held.remove(table);
        if (h != null) {
            try {
                h.lock().release();
            } catch (IOException ignored) {
                // closing the channel below releases it too
            }
            closeQuietly(h.channel());
        }
    }

    /** Releases every table lock (the files stay, empty of meaning until the next holder writes its name). */
    @Override
    public void close() {
        new ArrayList<>(held.keySet()).forEach(this::release);
    }
}
