package io.eventlake.orchestration.sqlserver;

import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * The SQL endpoint's password check ({@code hive.server2.authentication=CUSTOM}): HiveServer2 instantiates this
 * class by its name for each login, so the credentials it checks against are those {@link LakeSqlServer} installed
 * in this process when it started (never a configuration value, which Spark would show in its environment page).
 */
public final class SqlServerAuthentication implements PasswdAuthenticationProvider {
    private static volatile SqlServerCredentials installed;

    /** Makes {@code credentials} the ones every login of this process is checked against. */
    static void install(SqlServerCredentials credentials) {
        installed = credentials;
    }

    @Override
    public void Authenticate(String user, String password) throws AuthenticationException {
        SqlServerCredentials credentials = installed;
        if (credentials == null || !credentials.matches(user, password)) {
            throw new AuthenticationException("eventlake SQL endpoint: wrong user or password for user '" + user
                    + "' (the endpoint's user is set by " + SqlServerSettings.USER + ", its password by "
                    + SqlServerSettings.PASSWORD_VARIABLE + " or " + SqlServerSettings.PASSWORD_FILE + ")");
        }
    }
}
