package io.eventlake.orchestration.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.silver.SilverPaymentsTable;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.silver.SilverSettings;
import io.eventlake.table.TableLocation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Bronze against one silver table: valid bronze events of the type = silver rows + duplicates dropped + records
 * quarantined at conformance. Counted in the tables themselves.
 *
 * @param table       the silver table
 * @param validBronze valid bronze events of the table's type
 * @param duplicates  of those, repeats of an event id already counted
 * @param silverRows  rows in the silver table
 * @param quarantined distinct events in silver quarantine for this table
 */
public record SilverReconciliation(String table, long validBronze, long duplicates, long silverRows,
                                   long quarantined) {

    public static SilverReconciliation payments(SparkSession spark, SilverSettings silver, TableLocation payments) {
        Row bronze = spark.read().format("delta").load(silver.bronzeEvents().path())
                .where(col(BronzeEventsTable.IS_VALID)
                        .and(col(BronzeEventsTable.EVENT_TYPE).equalTo(SilverPaymentsTable.EVENT_TYPE_NAME)))
                .agg(count(lit(1)), countDistinct(col(BronzeEventsTable.EVENT_ID))).first();
        long rows = spark.read().format("delta").load(payments.path()).count();
        long quarantined = spark.read().format("delta").load(silver.quarantine().path())
                .where(col(SilverQuarantineTable.TARGET_TABLE).equalTo(payments.name()))
                .select(SilverQuarantineTable.EVENT_ID).distinct().count();
        return new SilverReconciliation(payments.name(), bronze.getLong(0), bronze.getLong(0) - bronze.getLong(1),
                rows, quarantined);
    }

    public boolean addsUp() {
        return validBronze == silverRows + duplicates + quarantined;
    }

    public String render() {
        return String.format("%s: %d valid bronze events = %d rows + %d duplicates dropped + %d quarantined%s%n",
                table, validBronze, silverRows, duplicates, quarantined, addsUp() ? "  ok" : "  MISMATCH");
    }
}
