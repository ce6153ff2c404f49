package io.eventlake.orchestration.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The lake lock between real processes, and the root checks it makes first. */
@Tag("job")
class LakeLockTest {

    @Test
    void aSecondProcessIsRefusedNamingTheHolderAndTheLockGoesWithTheHolder(@TempDir Path lake) throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LakeLockHolder.class.getName(), lake.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            LakeException refused = assertThrows(LakeException.class,
                    () -> LakeLock.acquire(lake.toString(), "lake gold", 0));
            assertEquals(ErrorCode.LAKE_LOCKED, refused.code());
            assertTrue(refused.getMessage().startsWith("The lake at " + lake + " is in use by another process: pid "
                    + holder.pid() + ", started "), refused.getMessage());
            assertTrue(refused.getMessage().contains("lake pipeline --available-now (test holder)"),
                    refused.getMessage());
            assertTrue(refused.getMessage().contains("Fix: wait for it to finish or stop it"), refused.getMessage());
        } finally {
            holder.destroyForcibly(); // as kill -9: no clean-up runs in the holder
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (LakeLock lock = LakeLock.acquire(lake.toString(), "lake gold", 0)) {
            assertTrue(Files.readString(lake.resolve(LakeLock.FILE)).contains("lake gold"),
                    "taken again without any manual clean-up");
        }
    }

    @Test
    void twoCommandsOfOneProcessDoNotShareALakeEither(@TempDir Path lake) {
        try (LakeLock first = LakeLock.acquire(lake.toString(), "lake pipeline", 0)) {
            LakeException refused = assertThrows(LakeException.class,
                    () -> LakeLock.acquire(lake.toString(), "lake gold", 0));
            assertEquals(ErrorCode.LAKE_LOCKED, refused.code());
        }
        LakeLock.acquire(lake.toString(), "lake gold", 0).close();
    }

    @Test
    void anObjectStoreLakeIsNotLockedLocally() {
        assertEquals(null, LakeLock.localPath("s3a://bucket/lake"));
        assertEquals(Path.of("/data/lake"), LakeLock.localPath("file:///data/lake"));
        assertEquals(Path.of("lake-data"), LakeLock.localPath("lake-data"));
        LakeLock.acquire("s3a://bucket/lake", "lake bronze", Long.MAX_VALUE).close();
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeAnythingIsWritten(@TempDir Path lake) {
        LakeException full = assertThrows(LakeException.class,
                () -> LakeLock.acquire(lake.resolve("root").toString(), "lake bronze", Long.MAX_VALUE));
        assertEquals(ErrorCode.LAKE_DISK_FULL, full.code());
        assertTrue(full.getMessage().contains("eventlake.min-free-space"), full.getMessage());
        assertTrue(!Files.exists(lake.resolve("root")), "nothing written");
        assertEquals(List.of(), List.of(lake.toFile().list()));
    }
}
