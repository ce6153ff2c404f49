package io.eventlake.orchestration.sqlserver;

import io.eventlake.orchestration.config.ConfigReader;
import io.eventlake.orchestration.config.ConfigSection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The SQL endpoint's settings, {@code eventlake.sql-server}, with their defaults in {@code conf/sql-server.conf}
 * ({@link #SECTION}).
 *
 * @param bindHost        the interface it listens on (127.0.0.1 by default)
 * @param port            its port
 * @param user            the user clients authenticate as
 * @param passwordFile    a file holding the password on its first line, when the environment does not give it
 * @param refreshInterval how often tables created since start-up are registered
 * @param startTimeout    how long {@code start} waits for it to accept connections
 * @param maxHeap         its JVM's heap ({@code -Xmx})
 * @param sparkHome       the Spark distribution whose Thrift server jars {@code start} runs it on
 */
public record SqlServerSettings(String bindHost, int port, String user, Optional<Path> passwordFile,
                                Duration refreshInterval, Duration startTimeout, String maxHeap,
                                Optional<Path> sparkHome) {
    public static final String BIND_HOST = "eventlake.sql-server.bind-host";
    public static final String PORT = "eventlake.sql-server.port";
    public static final String USER = "eventlake.sql-server.user";
    public static final String PASSWORD_FILE = "eventlake.sql-server.password-file";
    public static final String REFRESH_INTERVAL = "eventlake.sql-server.refresh-interval";
    public static final String START_TIMEOUT = "eventlake.sql-server.start-timeout";
    public static final String MAX_HEAP = "eventlake.sql-server.max-heap";
    public static final String SPARK_HOME = "eventlake.sql-server.spark-home";
    /** The environment variable holding the password (wins over {@link #PASSWORD_FILE}). */
    public static final String PASSWORD_VARIABLE = "EVENTLAKE_SQL_PASSWORD";

    /** The section of the configuration the SQL endpoint reads, defaults in {@code sql-server.conf}. */
    public static final ConfigSection<SqlServerSettings> SECTION = new ConfigSection<>() {
        @Override
        public String defaultsFile() {
            return "sql-server.conf";
        }

        @Override
        public SqlServerSettings read(ConfigReader c) {
            return new SqlServerSettings(
                    c.string(BIND_HOST),
                    c.port(PORT),
                    c.string(USER),
                    Optional.ofNullable(c.optionalString(PASSWORD_FILE)).map(Path::of),
                    c.positiveDuration(REFRESH_INTERVAL),
                    c.positiveDuration(START_TIMEOUT),
                    c.string(MAX_HEAP),
                    Optional.ofNullable(c.optionalString(SPARK_HOME)).map(Path::of));
        }

        @Override
        public String toString() {
            return "sql-server.conf (eventlake.sql-server)";
        }
    };

    /** The JDBC URL clients connect to (the host a client on this machine reaches). */
    public String jdbcUrl() {
        String host = bindHost.equals("0.0.0.0") ? "127.0.0.1" : bindHost;
        return "jdbc:hive2://" + host + ":" + port + "/default";
    }
}
