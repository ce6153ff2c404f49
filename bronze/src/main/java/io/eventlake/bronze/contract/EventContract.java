package io.eventlake.bronze.contract;

import java.io.Serializable;
import org.apache.avro.Schema;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * One version of one event type's payload contract.
 *
 * @param eventType     the event type, e.g. {@code order_placed}
 * @param version       the schema version, from the file name {@code v<N>.avsc}
 * @param payloadSchema the Avro record of the payload
 */
public record EventContract(String eventType, int version, Schema payloadSchema) implements Serializable {

    /** The payload's Spark schema, derived from the Avro contract (never written by hand). */
    public StructType payloadSparkSchema() {
        DataType type = SchemaConverters.toSqlType(payloadSchema).dataType();
        return (StructType) type;
    }

    @Override
    public String toString() {
        return eventType + " v" + version;
    }
}
