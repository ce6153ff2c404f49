package io.eventlake.orchestration.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.testing.TestSpark;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Statements are judged by their parsed plan, before anything runs (no table needs to exist). */
@Tag("unit")
class ReadOnlySqlTest {

    @Test
    void queriesTimeTravelHistoryDescribeShowAndExplainAreReads() {
        for (String sql : List.of("SELECT 1", "WITH x AS (SELECT 1 AS a) SELECT a FROM x",
                "SELECT * FROM gold.daily_store_sales VERSION AS OF 3",
                "SELECT * FROM gold.daily_store_sales TIMESTAMP AS OF '2026-11-21 10:00:00'",
                "SELECT * FROM table_changes('silver.orders', 1)", "DESCRIBE HISTORY gold.daily_store_sales",
                "DESCRIBE DETAIL gold.daily_store_sales", "DESCRIBE gold.daily_store_sales", "SHOW TABLES IN gold",
                "SHOW DATABASES", "SHOW COLUMNS IN gold.daily_store_sales", "EXPLAIN SELECT 1", "USE gold",
                "SET spark.sql.shuffle.partitions=2")) {
            ReadOnlySql.check(TestSpark.session(), sql);
        }
    }

    @Test
    void everyStatementThatWouldChangeTheLakeIsRefusedNamingIt() {
        for (String sql : List.of("INSERT INTO gold.t SELECT 1", "DROP TABLE gold.daily_store_sales",
                "DELETE FROM silver.orders", "UPDATE gold.t SET a = 1", "TRUNCATE TABLE gold.t",
                "MERGE INTO gold.t t USING gold.s s ON t.a = s.a WHEN MATCHED THEN DELETE",
                "CREATE TABLE x.y (a INT)", "CREATE TABLE x.y AS SELECT 1", "ALTER TABLE gold.t SET TBLPROPERTIES (a=1)",
                "OPTIMIZE gold.t", "VACUUM gold.t", "RESTORE TABLE gold.t TO VERSION AS OF 1", "CACHE TABLE gold.t",
                "ADD JAR /tmp/x.jar", "CREATE TEMPORARY VIEW v AS SELECT 1", "DROP DATABASE gold CASCADE",
                "WITH x AS (SELECT 1 AS a) INSERT INTO gold.t SELECT a FROM x", "CREATE TABLE x.y SHALLOW CLONE gold.t",
                "INSERT OVERWRITE DIRECTORY '/tmp/x' SELECT 1", "REPLACE TABLE gold.t (a INT) USING delta",
                "LOAD DATA INPATH '/x' INTO TABLE gold.t", "ALTER TABLE gold.t DROP FEATURE deletionVectors",
                "CONVERT TO DELTA parquet.`/tmp/p`", "REORG TABLE gold.t APPLY (PURGE)")) {
            LakeException error = assertThrows(LakeException.class, () -> ReadOnlySql.check(TestSpark.session(), sql),
                    sql);
            assertEquals(ErrorCode.SQL_WRITE_REFUSED, error.code(), sql);
            assertTrue(error.getMessage().contains("it would change the lake")
                    && error.getMessage().contains("read-only"), error.getMessage());
        }
    }

    @Test
    void aStatementThatDoesNotParseIsNamedWithSparksReason() {
        LakeException error = assertThrows(LakeException.class,
                () -> ReadOnlySql.check(TestSpark.session(), "SELEC * FROM gold.t"));

        assertEquals(ErrorCode.SQL_INVALID, error.code());
        assertTrue(error.getMessage().startsWith("The query 'SELEC * FROM gold.t' cannot run. It does not parse: "),
                error.getMessage());
    }
}
