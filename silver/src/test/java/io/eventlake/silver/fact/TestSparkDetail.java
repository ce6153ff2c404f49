package io.eventlake.silver.fact;

import io.eventlake.table.TableLocation;
import io.eventlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Row;

/** What {@code DESCRIBE DETAIL} says of a table. */
final class TestSparkDetail {
    private TestSparkDetail() {
    }

    static String[] partitionColumns(TableLocation table) {
        Row detail = TestSpark.session().sql("DESCRIBE DETAIL delta.`" + table.path() + "`").first();
        List<String> columns = detail.getList(detail.fieldIndex("partitionColumns"));
        return columns.toArray(String[]::new);
    }
}
