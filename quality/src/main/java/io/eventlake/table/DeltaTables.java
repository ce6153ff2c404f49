package io.eventlake.table;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import static org.apache.spark.sql.functions.col;

import io.eventlake.errors.LakeErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Creating, registering and appending to the Delta tables eventlake owns. */
public final class DeltaTables {
    private DeltaTables() {
    }

    /**
     * Makes sure the table exists at its path with the given schema and is registered in the catalog under its
     * name. Idempotent: an existing table is only checked, never changed.
     *
     * @throws io.eventlake.errors.LakeException {@code TABLE_SCHEMA_MISMATCH} when a table at the path lacks a
     *     column of {@code schema} or has it with another type
     */
    public static void ensure(SparkSession spark, TableLocation table, StructType schema, String... partitionColumns) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.database());
        if (DeltaTable.isDeltaTable(spark, table.path())) {
            checkSchema(table, DeltaTable.forPath(spark, table.path()).toDF().schema(), schema);
        }
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .tableName(table.name())
                .location(table.path())
                .addColumns(schema);
        if (partitionColumns.length > 0) {
            builder = builder.partitionedBy(partitionColumns);
        }
        builder.execute();
    }

    /**
     * Appends a micro-batch exactly once. Delta records {@code (appId, batchId)} in the same commit as the data,
     * so a batch replayed after a crash (same query, same batch id) is skipped instead of written twice. The
     * commit carries {@code userMetadata = "<appId>/<batchId>"}, visible in {@code DESCRIBE HISTORY}.
     *
     * @param appId   stable for the life of one streaming checkpoint (the streaming query id)
     * @param batchId the micro-batch id from {@code foreachBatch}
     * @return the rows written; empty when the table already held this batch and nothing was written
     */
    public static OptionalLong appendOnce(Dataset<Row> rows, TableLocation table, String appId, long batchId) {
        SparkSession spark = rows.sparkSession();
        DeltaTable delta = DeltaTable.forPath(spark, table.path());
        long before = delta.history(1).select("version").first().getLong(0);
        String marker = appId + "/" + batchId;
        rows.write()
                .format("delta")
                .mode("append")
                .option("txnAppId", appId)
                .option("txnVersion", batchId)
                .option("userMetadata", marker)
                .save(table.path());
        // Delta commits nothing when it already holds (appId, batchId): then no commit after `before` is ours.
        for (Row commit : delta.history(10).where(col("version").gt(before))
                .select("userMetadata", "operationMetrics").collectAsList()) {
            if (marker.equals(commit.getString(0))) {
                return OptionalLong.of(Long.parseLong(
                        commit.<String, String>getJavaMap(1).getOrDefault("numOutputRows", "0")));
            }
        }
        return OptionalLong.empty();
    }

    static void checkSchema(TableLocation table, StructType actual, StructType expected) {
        List<String> problems = new ArrayList<>();
        for (StructField field : expected.fields()) {
            scala.Option<Object> index = actual.getFieldIndex(field.name());
            if (index.isEmpty()) {
                problems.add("missing column '" + field.name() + "' (" + field.dataType().simpleString() + ")");
                continue;
            }
            StructField existing = actual.fields()[(Integer) index.get()];
            if (!existing.dataType().sameType(field.dataType())) {
                problems.add("column '" + field.name() + "' is " + existing.dataType().simpleString()
                        + ", expected " + field.dataType().simpleString());
            }
        }
        if (!problems.isEmpty()) {
            throw LakeErrors.tableSchemaMismatch(table.name(), table.path(), problems);
        }
    }
}
