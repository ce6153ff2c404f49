package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.orchestration.sqlserver.LakeSqlServer;
import io.eventlake.orchestration.sqlserver.SqlServerCredentials;
import io.eventlake.orchestration.sqlserver.SqlServerProcess;
import io.eventlake.orchestration.sqlserver.SqlServerSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lake sql-server start|stop|status|run}: the read-only SQL endpoint (Spark's Thrift server, JDBC/ODBC) over
 * the lake's tables by name. {@code start} runs it in the background (pid and log under
 * {@code <lake-root>/_sql-server}); {@code run} serves in the foreground (what {@code start} runs, and what a process
 * manager or {@code spark-submit} on a cluster runs).
 */
@Command(name = "sql-server", mixinStandardHelpOptions = true,
        description = "The read-only SQL endpoint for BI tools and JDBC/ODBC clients (HiveServer2 protocol) over the "
                + "lake's tables by name, on 127.0.0.1:10000 by default; clients log in with "
                + "eventlake.sql-server.user and the password of $EVENTLAKE_SQL_PASSWORD.",
        subcommands = {SqlServerCommand.Start.class, SqlServerCommand.Stop.class, SqlServerCommand.Status.class,
                SqlServerCommand.Run.class})
final class SqlServerCommand {
    /** Exit status of {@code status} when no endpoint runs. */
    static final int NOT_RUNNING = 3;

    /** What the subcommands share: the settings, the endpoint's state folder, the output. */
    abstract static class EndpointCommand implements Callable<Integer> {
        @Mixin
        CommandContext context;

        SqlServerSettings endpoint() {
            context.settings(); // every setting checked first
            return context.section(SqlServerSettings.SECTION);
        }

        SqlServerProcess process(SqlServerSettings endpoint) {
            LakeSettings settings = context.settings();
            if (!settings.isLocal()) {
                throw LakeErrors.configInvalid("eventlake.lake-root", settings.lakeRoot(), "a local folder for "
                        + "sql-server start|stop|status (the pid and log live under <lake-root>/_sql-server); on "
                        + "object storage run 'lake sql-server run' under your process manager", "lake-data");
            }
            return new SqlServerProcess(settings.localDir("_sql-server"), endpoint);
        }

        SqlServerCredentials credentials(SqlServerSettings endpoint) {
            return SqlServerCredentials.load(endpoint, context.lake().environment(), context.confDir());
        }

        static void printConnect(PrintWriter out, SqlServerSettings endpoint) {
            out.printf("  connect: %s  (user %s, password from $%s)%n", endpoint.jdbcUrl(), endpoint.user(),
                    SqlServerSettings.PASSWORD_VARIABLE);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the endpoint in the background and wait until it accepts connections.")
    static final class Start extends EndpointCommand {
        @Override
        public Integer call() {
            SqlServerSettings endpoint = endpoint();
            credentials(endpoint); // refused here, not in the background process's log
            SqlServerProcess process = process(endpoint);
            boolean already = process.running().isPresent();
            long started = System.nanoTime();
            SqlServerProcess.Running running = process.start(context.asArguments());
            PrintWriter out = context.out();
            if (already) {
                out.printf("SQL endpoint already running (pid %d); log: %s%n", running.pid(), running.log());
            } else {
                out.printf("SQL endpoint running (pid %d, accepting connections %.1f s after start); log: %s%n",
                        running.pid(), (System.nanoTime() - started) / 1e9, running.log());
            }
            printConnect(out, endpoint);
            out.flush();
            return LakeCommand.OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the endpoint (graceful, then forced).")
    static final class Stop extends EndpointCommand {
        @Override
        public Integer call() {
            Optional<SqlServerProcess.Running> stopped = process(endpoint()).stop(Duration.ofSeconds(30));
            context.out().println(stopped.map(r -> "SQL endpoint stopped (pid " + r.pid() + ").")
                    .orElse("No SQL endpoint was running."));
            return LakeCommand.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the endpoint runs and accepts connections (exit 0) or not (exit 3).")
    static final class Status extends EndpointCommand {
        @Override
        public Integer call() {
            SqlServerSettings endpoint = endpoint();
            SqlServerProcess process = process(endpoint);
            Optional<SqlServerProcess.Running> running = process.running();
            PrintWriter out = context.out();
            if (running.isPresent()) {
                out.printf("SQL endpoint running (pid %d, %s); log: %s%n", running.get().pid(),
                        process.accepting() ? "accepting connections" : "starting", running.get().log());
                printConnect(out, endpoint);
                return LakeCommand.OK;
            }
            out.println("SQL endpoint not running.");
            return NOT_RUNNING;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Serve in the foreground until stopped (Ctrl-C or SIGTERM).")
    static final class Run extends EndpointCommand {
        @Override
        public Integer call() {
            SqlServerSettings endpoint = endpoint();
            SqlServerCredentials credentials = credentials(endpoint);
            LakeSettings settings = context.settings().withSparkConf(LakeSqlServer.sparkConf(endpoint));
            SparkSession spark = context.lake().session(settings, List.of());
            CountDownLatch stopped = new CountDownLatch(1);
            try (LakeSqlServer server = LakeSqlServer.start(spark, settings.catalog(), endpoint, credentials)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "eventlake-sql-server-stop"));
                PrintWriter out = context.out();
                out.printf("SQL endpoint serving %s (read-only); stop with Ctrl-C%n", settings.lakeRoot());
                printConnect(out, endpoint);
                out.flush();
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LakeCommand.OK;
        }
    }

    private SqlServerCommand() {
    }
}
