package io.eventlake.orchestration.sqlserver;

import io.eventlake.orchestration.sql.LakeSql;
import io.eventlake.orchestration.sql.ReadOnlySqlExtension;
import io.eventlake.table.LakeCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The SQL endpoint in this process: Spark's Thrift server (HiveServer2 protocol) over one SparkSession, the lake's
 * tables registered in it by name from their paths (and those created later, every refresh interval), clients
 * authenticated ({@link SqlServerAuthentication}) and every client statement read-only ({@link ReadOnlySqlExtension}).
 * Queries see each table's latest commit, so new data is visible as soon as a job commits it. Writes nothing to the
 * lake.
 */
public final class LakeSqlServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(LakeSqlServer.class);
    private static final String AUTHENTICATION_CLASS = "hive.server2.custom.authentication.class";

    private final HiveThriftServer2 server;
    private final ScheduledExecutorService refresher;

    private LakeSqlServer(HiveThriftServer2 server, ScheduledExecutorService refresher) {
        this.server = server;
        this.refresher = refresher;
    }

    /**
     * The Spark settings a session serving the endpoint is built with: the read-only extension after Delta's, the
     * Thrift server's interface and port, and password authentication.
     */
    public static Map<String, String> sparkConf(SqlServerSettings settings) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + ReadOnlySqlExtension.CLASS_NAME);
        conf.put("hive.server2.thrift.bind.host", settings.bindHost());
        conf.put("hive.server2.thrift.port", Integer.toString(settings.port()));
        conf.put("hive.server2.transport.mode", "binary");
        conf.put("hive.server2.authentication", "CUSTOM");
        conf.put(AUTHENTICATION_CLASS, SqlServerAuthentication.class.getName());
        conf.put("spark.sql.hive.thriftServer.singleSession", "false");
        return conf;
    }

    /**
     * Registers the lake's tables in {@code spark} and starts serving it.
     *
     * @param spark a session built with {@link #sparkConf}
     */
    public static LakeSqlServer start(SparkSession spark, LakeCatalog catalog, SqlServerSettings settings,
                                      SqlServerCredentials credentials) {
        SqlServerAuthentication.install(credentials);
        // HiveServer2 checks each login with a HiveConf of its own, built from system properties, not the session's
        System.setProperty(AUTHENTICATION_CLASS, SqlServerAuthentication.class.getName());
        List<String> registered = ReadOnlySqlExtension.asOwner(spark, () -> LakeSql.registerExisting(spark, catalog));
        LOG.info("Registered {} lake tables: {}", registered.size(), registered);
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "eventlake-sql-server-tables");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.refreshInterval().toMillis();
        refresher.scheduleWithFixedDelay(() -> {
            try {
                List<String> added = ReadOnlySqlExtension.asOwner(spark, () -> LakeSql.registerExisting(spark, catalog));
                if (!added.isEmpty()) {
                    LOG.info("Registered lake tables created since start-up: {}", added);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not register new lake tables (will retry): {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return new LakeSqlServer(server, refresher);
    }

    /** Stops serving (open client sessions are closed). */
    @Override
    public void close() {
        refresher.shutdownNow();
        server.stop();
    }
}
