package io.eventlake.orchestration.sql;

import io.eventlake.errors.LakeErrors;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.LakeCatalog;
import io.eventlake.table.TableLocation;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Read-only SQL over the lake's tables by name: every table of the catalog that exists is registered in the
 * session by its path (so a session whose catalog lacks it, e.g. an in-memory one, still finds it), then a statement
 * that passes {@link ReadOnlySql} runs.
 */
public final class LakeSql {
    private final SparkSession spark;

    /** Registers the lake's existing tables in {@code spark}'s catalog (names already there are left as they are). */
    public LakeSql(SparkSession spark, LakeCatalog catalog) {
        this.spark = spark;
        registerExisting(spark, catalog);
    }

    /**
     * Registers, by path, each table of {@code catalog} that exists on storage and is not yet registered in
     * {@code spark}'s catalog; returns the names registered. Writes nothing to any table; repeatable (a table a
     * pipeline creates later is registered by the next call).
     */
    public static java.util.List<String> registerExisting(SparkSession spark, LakeCatalog catalog) {
        java.util.List<String> registered = new java.util.ArrayList<>();
        for (TableLocation table : catalog.tables()) {
            if (!spark.catalog().tableExists(table.name()) && DeltaTables.exists(spark, table)) {
                DeltaTables.register(spark, table);
                registered.add(table.name());
            }
        }
        return registered;
    }

    /**
     * The result of {@code sql}, when it only reads.
     *
     * @throws io.eventlake.errors.LakeException {@code SQL_WRITE_REFUSED} for a statement that would change the lake,
     *     {@code SQL_INVALID} for one that does not parse or names what does not exist
     */
    public Dataset<Row> query(String sql) {
        LogicalPlan parsed = ReadOnlySql.check(spark, sql);
        try {
            ReadOnlySql.requireReading(sql, spark.sessionState().executePlan(parsed,
                    org.apache.spark.sql.execution.CommandExecutionMode.SKIP()).analyzed());
            return spark.sql(sql);
        } catch (Exception e) {
            if (e instanceof AnalysisException analysis) {
                throw LakeErrors.sqlInvalid(sql, analysis.getSimpleMessage());
            }
            throw e;
        }
    }
}
