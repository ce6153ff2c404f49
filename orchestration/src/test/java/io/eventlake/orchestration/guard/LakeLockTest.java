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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table locks between real processes, and the root checks made first. */
@Tag("job")
class LakeLockTest {

    @Test
    void aSecondWriterOfATableIsRefusedNamingTheTableAndTheRunWhileOtherTablesStayFree(@TempDir Path lake)
            throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LakeLockHolder.class.getName(), lake.toString(),
                "pipeline-20261202-1", "bronze.events", "silver.orders")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());

            try (LakeLock gold = LakeLock.open(lake.toString(), "lake gold", 0)) {
                LakeException refused = assertThrows(LakeException.class,
                        () -> gold.write(List.of("gold.daily_store_sales", "silver.orders")));
                assertEquals(ErrorCode.TABLE_LOCKED, refused.code());
                assertTrue(refused.getMessage().startsWith("Table silver.orders is being written by another run: pid "
                        + holder.pid() + ", run pipeline-20261202-1, started "), refused.getMessage());
                assertTrue(refused.getMessage().contains("lake pipeline --available-now (test holder)"),
                        refused.getMessage());
                assertTrue(refused.getMessage().contains("Fix: wait for that run to finish or stop it"),
                        refused.getMessage());
                assertEquals(List.of(), gold.tables(), "all or none: gold.daily_store_sales was not kept");

                gold.write(List.of("gold.daily_store_sales")); // a table nobody writes: taken beside the pipeline
                assertEquals(List.of("gold.daily_store_sales"), gold.tables());
            }
        } finally {
            holder.destroyForcibly(); // as kill -9: no clean-up runs in the holder
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (LakeLock lock = LakeLock.open(lake.toString(), "lake silver", 0)) {
            lock.write(List.of("silver.orders"));
            assertTrue(Files.readString(lake.resolve(LakeLock.DIR).resolve("silver.orders.lock"))
                    .contains("lake silver"), "taken again without any manual clean-up");
        }
    }

    @Test
    void twoCommandsOfOneProcessDoNotWriteOneTableEither(@TempDir Path lake) {
        try (LakeLock first = LakeLock.open(lake.toString(), "lake pipeline", 0)) {
            first.write(List.of("gold.inventory_positions"));
            try (LakeLock second = LakeLock.open(lake.toString(), "lake gold", 0)) {
                Optional<LakeLock.Refused> refused = second.tryWrite(List.of("gold.inventory_positions"));
                assertEquals("gold.inventory_positions", refused.orElseThrow().table());
                assertTrue(refused.get().holder().endsWith(": lake pipeline"), refused.get().holder());
                LakeException error = assertThrows(LakeException.class,
                        () -> second.write(List.of("gold.inventory_positions")));
                assertEquals(ErrorCode.TABLE_LOCKED, error.code());
            }
        }
        try (LakeLock again = LakeLock.open(lake.toString(), "lake gold", 0)) {
            assertEquals(Optional.empty(), again.tryWrite(List.of("gold.inventory_positions")));
        }
    }

    @Test
    void anObjectStoreLakeIsNotLockedLocally() {
        assertEquals(null, LakeLock.localPath("s3a://bucket/lake"));
        assertEquals(Path.of("/data/lake"), LakeLock.localPath("file:///data/lake"));
        assertEquals(Path.of("lake-data"), LakeLock.localPath("lake-data"));
        LakeLock.open("s3a://bucket/lake", "lake bronze", Long.MAX_VALUE).write(List.of("bronze.events")).close();
    }

    @Test
    void tooLittleFreeSpaceIsRefusedBeforeAnythingIsWritten(@TempDir Path lake) {
        LakeException full = assertThrows(LakeException.class,
                () -> LakeLock.open(lake.resolve("root").toString(), "lake bronze", Long.MAX_VALUE));
        assertEquals(ErrorCode.LAKE_DISK_FULL, full.code());
        assertTrue(full.getMessage().contains("eventlake.min-free-space"), full.getMessage());
        assertTrue(!Files.exists(lake.resolve("root")), "nothing written");
        assertEquals(List.of(), List.of(lake.toFile().list()));
    }
}
