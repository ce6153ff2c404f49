package io.eventlake.orchestration.sqlserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the SQL endpoint's password may come from, and the check of a login against it. */
@Tag("unit")
class SqlServerCredentialsTest {
    private static SqlServerSettings settings(Path passwordFile) {
        return new SqlServerSettings("127.0.0.1", 10000, "bi", Optional.ofNullable(passwordFile),
                Duration.ofSeconds(10), Duration.ofSeconds(60), "1g", Optional.empty());
    }

    @Test
    void thePasswordFromTheEnvironmentChecksLoginsAndIsNeverPrinted() {
        SqlServerCredentials credentials = SqlServerCredentials.load(settings(null),
                Map.of(SqlServerSettings.PASSWORD_VARIABLE, "pa55"), null);
        assertTrue(credentials.matches("bi", "pa55"));
        assertFalse(credentials.matches("bi", "pa56"));
        assertFalse(credentials.matches("admin", "pa55"));
        assertFalse(credentials.matches(null, null));
        assertFalse(credentials.toString().contains("pa55"), credentials.toString());
    }

    @Test
    void withoutAPasswordTheEndpointDoesNotStart() {
        LakeException error = assertThrows(LakeException.class,
                () -> SqlServerCredentials.load(settings(null), Map.of(), null));
        assertEquals(ErrorCode.SQL_SERVER_NO_PASSWORD, error.code());
        assertTrue(error.getMessage().contains("export EVENTLAKE_SQL_PASSWORD=<a password>"), error.getMessage());
    }

    @Test
    void aPasswordFileMustBeTheOwnersOnlyAndOutsideTheConfFolder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sql.password");
        Files.writeString(file, "from-a-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertTrue(SqlServerCredentials.load(settings(file), Map.of(), dir.resolve("conf"))
                .matches("bi", "from-a-file"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LakeException readable = assertThrows(LakeException.class,
                () -> SqlServerCredentials.load(settings(file), Map.of(), null));
        assertEquals(ErrorCode.SQL_SERVER_PASSWORD_FILE_UNSAFE, readable.code());
        assertTrue(readable.getMessage().contains("other users may read it")
                && readable.getMessage().contains("chmod 600 " + file), readable.getMessage());

        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path inConf = conf.resolve("sql.password");
        Files.writeString(inConf, "committed-by-mistake\n");
        Files.setPosixFilePermissions(inConf, PosixFilePermissions.fromString("rw-------"));
        LakeException inRepository = assertThrows(LakeException.class,
                () -> SqlServerCredentials.load(settings(inConf), Map.of(), conf));
        assertTrue(inRepository.getMessage().contains("inside the configuration folder"), inRepository.getMessage());
    }
}
