package io.eventlake.orchestration.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.testing.TestSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class QueryResultTest {
    private static Dataset<Row> rows() {
        StructType schema = new StructType().add("store_id", DataTypes.StringType).add("net", DataTypes.createDecimalType(12, 2))
                .add("note", DataTypes.StringType);
        return TestSpark.session().createDataFrame(List.of(
                RowFactory.create("S001", new java.math.BigDecimal("1234.50"), "a, \"quoted\" note"),
                RowFactory.create("S2", new java.math.BigDecimal("7.00"), null)), schema);
    }

    @Test
    void aTableIsAlignedWithNullShownAndARowCount() {
        assertEquals("""
                store_id | net     | note
                ---------+---------+-----------------
                S001     | 1234.50 | a, "quoted" note
                S2       | 7.00    | NULL
                (2 rows)
                """, QueryResult.of(rows(), 10, QueryResult.Format.TABLE).render(QueryResult.Format.TABLE));
    }

    @Test
    void csvQuotesWhatNeedsItAndJsonIsOneObjectPerLine() {
        assertEquals("store_id,net,note\nS001,1234.50,\"a, \"\"quoted\"\" note\"\nS2,7.00,\n",
                QueryResult.of(rows(), 10, QueryResult.Format.CSV).render(QueryResult.Format.CSV));
        assertEquals("{\"store_id\":\"S001\",\"net\":1234.50,\"note\":\"a, \\\"quoted\\\" note\"}\n"
                        + "{\"store_id\":\"S2\",\"net\":7.00}\n",
                QueryResult.of(rows(), 10, QueryResult.Format.JSON).render(QueryResult.Format.JSON));
    }

    @Test
    void moreRowsThanAskedAreCutAndSaidSo() {
        QueryResult first = QueryResult.of(rows(), 1, QueryResult.Format.TABLE);

        assertEquals(1, first.rows().size());
        assertEquals(true, first.truncated());
        assertEquals("(first 1 rows; more with --max-rows)",
                first.render(QueryResult.Format.TABLE).lines().reduce((a, b) -> b).orElseThrow());
    }
}
