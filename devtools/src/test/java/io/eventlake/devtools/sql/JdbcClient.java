package io.eventlake.devtools.sql;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Test hook: the Hive JDBC driver a BI tool uses (hive-jdbc 2.3.9 standalone, copied to {@code target/jdbc} by the
 * build), loaded in a class loader of its own: its bundled Hive and Thrift classes never meet Spark's in this JVM.
 */
final class JdbcClient {
    private final Driver driver;

    JdbcClient() throws Exception {
        Path jar = Path.of(System.getProperty("eventlake.jdbc-driver"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (mvn package)");
        }
        ClassLoader isolated = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        driver = (Driver) Class.forName("org.apache.hive.jdbc.HiveDriver", true, isolated)
                .getConstructor().newInstance();
    }

    Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the driver does not take " + url);
        }
        return connection;
    }

    /** Every row of {@code sql}, each as its columns' values. */
    static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The single value {@code sql} returns. */
    static Object value(Connection connection, String sql) throws SQLException {
        return rows(connection, sql).get(0).get(0);
    }
}
