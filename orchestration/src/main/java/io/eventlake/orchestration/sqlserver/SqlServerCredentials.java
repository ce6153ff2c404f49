package io.eventlake.orchestration.sqlserver;

import io.eventlake.errors.LakeErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The user and password clients of the SQL endpoint authenticate with. The password comes from the environment
 * ({@value SqlServerSettings#PASSWORD_VARIABLE}) or from a file outside the configuration folder readable by its owner
 * only: never from a configuration file, so it is never in the repository. {@link #toString} hides it.
 */
public final class SqlServerCredentials {
    private final String user;
    private final byte[] password;

    private SqlServerCredentials(String user, String password) {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The credentials of {@code settings}: the password from {@code environment}, else from the password file.
     *
     * @param confDir the configuration folder in use (a password file inside it is refused); null for none
     * @throws io.eventlake.errors.LakeException {@code SQL_SERVER_NO_PASSWORD} when neither gives one,
     *     {@code SQL_SERVER_PASSWORD_FILE_UNSAFE} for a file inside {@code confDir} or readable by others
     */
    public static SqlServerCredentials load(SqlServerSettings settings, Map<String, String> environment,
                                            Path confDir) {
        String fromEnvironment = environment.get(SqlServerSettings.PASSWORD_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return new SqlServerCredentials(settings.user(), fromEnvironment);
        }
        Path file = settings.passwordFile().orElseThrow(() -> LakeErrors.sqlServerNoPassword(
                SqlServerSettings.PASSWORD_VARIABLE, SqlServerSettings.PASSWORD_FILE));
        Path absolute = file.toAbsolutePath().normalize();
        if (confDir != null && absolute.startsWith(confDir.toAbsolutePath().normalize())) {
            throw LakeErrors.sqlServerPasswordFileUnsafe(file.toString(), "it lies inside the configuration folder "
                    + confDir + ", which is part of the repository");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw LakeErrors.sqlServerPasswordFileUnsafe(file.toString(), "other users may read it");
            }
            String password = Files.readAllLines(absolute, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                    .strip();
            if (password.isEmpty()) {
                throw LakeErrors.sqlServerPasswordFileUnsafe(file.toString(), "its first line is empty");
            }
            return new SqlServerCredentials(settings.user(), password);
        } catch (UnsupportedOperationException e) {
            throw LakeErrors.sqlServerPasswordFileUnsafe(file.toString(),
                    "its file system cannot say who may read it");
        } catch (IOException e) {
            throw LakeErrors.sqlServerPasswordFileUnsafe(file.toString(), "it cannot be read ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The user clients authenticate as. */
    public String user() {
        return user;
    }

    /** Whether {@code user} and {@code password} are these (compared in constant time). */
    public boolean matches(String user, String password) {
        boolean sameUser = MessageDigest.isEqual(this.user.getBytes(StandardCharsets.UTF_8),
                (user == null ? "" : user).getBytes(StandardCharsets.UTF_8));
        boolean samePassword = MessageDigest.isEqual(this.password,
                (password == null ? "" : password).getBytes(StandardCharsets.UTF_8));
        return sameUser & samePassword;
    }

    @Override
    public String toString() {
        return "SqlServerCredentials[user=" + user + ", password=****]";
    }
}
