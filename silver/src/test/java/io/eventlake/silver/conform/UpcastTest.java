package io.eventlake.silver.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.EventContract;
import io.eventlake.testing.SampleEvents;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class UpcastTest {
    private static final StructType RAW = new StructType().add("value", "string").add("schema_version", "int");
    private final SparkSession spark = TestSpark.session();

    private List<Row> upcast(List<EventContract> versions, List<Row> raw) {
        Dataset<Row> events = spark.createDataFrame(raw, RAW);
        return events.select(Upcast.payloadAsLatest(col("value"), col("schema_version"), versions).as("p"))
                .select("p.*").collectAsList();
    }

    @Test
    void aVersion1AndAVersion2OrderReadAsVersion2() {
        List<EventContract> versions = ContractRegistry.load(ContractRegistry.CLASSPATH).versions("order_placed");
        ObjectNode v2 = SampleEvents.orderPlaced("e-2");
        v2.put("schema_version", 2);
        ((ObjectNode) v2.get("payload")).put("channel", "web");

        List<Row> rows = upcast(versions, List.of(
                RowFactory.create(SampleEvents.json(SampleEvents.orderPlaced("e-1")), 1),
                RowFactory.create(SampleEvents.json(v2), 2)));

        assertEquals(Upcast.latestSchema(versions).fieldNames().length, rows.get(0).size());
        assertNull(rows.get(0).getAs("channel"), "version 1 has no channel: null after upcast");
        assertEquals("web", rows.get(1).getAs("channel"));
        for (Row row : rows) {
            assertEquals("o-1", row.getAs("order_id"));
            Row line = row.<Row>getList(row.fieldIndex("lines")).get(0);
            assertEquals(new BigDecimal("9.99"), line.<BigDecimal>getAs("unit_price"));
            assertEquals(2, (int) line.getAs("quantity"));
        }
    }

    @Test
    void missingFieldsTakeTheirDefaultsAndPromotedTypesAreCastAtEveryDepth(@TempDir Path dir) throws IOException {
        Path contracts = dir.resolve("contracts");
        Files.createDirectories(contracts.resolve("parcel_shipped"));
        Files.copy(Path.of(System.getProperty("eventlake.root"), "conf/contracts/envelope.avsc"),
                contracts.resolve("envelope.avsc"));
        Files.writeString(contracts.resolve("parcel_shipped/v1.avsc"), """
                {"type": "record", "name": "ParcelShipped", "fields": [
                  {"name": "parcel_id", "type": "string"},
                  {"name": "weight", "type": "int"},
                  {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item",
                    "fields": [{"name": "sku", "type": "string"}]}}}]}
                """);
        Files.writeString(contracts.resolve("parcel_shipped/v2.avsc"), """
                {"type": "record", "name": "ParcelShipped", "fields": [
                  {"name": "parcel_id", "type": "string"},
                  {"name": "weight", "type": "long"},
                  {"name": "carrier", "type": "string", "default": "post"},
                  {"name": "note", "type": ["null", "string"], "default": null},
                  {"name": "items", "type": {"type": "array", "items": {"type": "record", "name": "Item",
                    "fields": [{"name": "sku", "type": "string"},
                               {"name": "size", "type": "string", "default": "M"}]}}}]}
                """);
        List<EventContract> versions = ContractRegistry.load(contracts.toString()).versions("parcel_shipped");

        List<Row> rows = upcast(versions, List.of(
                RowFactory.create("{\"payload\": {\"parcel_id\": \"p-1\", \"weight\": 5,"
                        + " \"items\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}]}}", 1),
                RowFactory.create("{\"payload\": {\"parcel_id\": \"p-2\", \"weight\": 7, \"carrier\": \"ups\","
                        + " \"note\": \"fragile\", \"items\": [{\"sku\": \"c\", \"size\": \"L\"}]}}", 2),
                RowFactory.create("{\"payload\": {\"parcel_id\": \"p-3\"}}", 9)));

        Row v1 = rows.get(0);
        assertEquals("p-1", v1.getAs("parcel_id"));
        assertEquals(5L, (long) v1.getAs("weight"), "int promoted to long");
        assertEquals("post", v1.getAs("carrier"), "the new field's default");
        assertNull(v1.getAs("note"));
        List<Row> items = v1.getList(v1.fieldIndex("items"));
        assertEquals(List.of("a", "b"), items.stream().map(r -> r.<String>getAs("sku")).toList());
        assertEquals(List.of("M", "M"), items.stream().map(r -> r.<String>getAs("size")).toList(),
                "the nested new field's default, in every array element");
        Row v2 = rows.get(1);
        assertEquals("ups", v2.getAs("carrier"));
        assertEquals("fragile", v2.getAs("note"));
        assertEquals("L", v2.<Row>getList(v2.fieldIndex("items")).get(0).getAs("size"));
        assertTrue(rows.get(2).isNullAt(0), "an unknown version reads as null, never as a wrong shape");
        assertEquals(DataTypes.LongType, Upcast.latestSchema(versions).apply("weight").dataType());
    }
}
