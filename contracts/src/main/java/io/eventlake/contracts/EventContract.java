package io.eventlake.contracts;

import java.io.Serializable;
import java.util.List;
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
    /** The field property marking personal data: {@code {"name": "email", "type": "string", "pii": true}}. */
    public static final String PII_PROPERTY = "pii";

    /** The payload's Spark schema, derived from the Avro contract (never written by hand). */
    public StructType payloadSparkSchema() {
        DataType type = SchemaConverters.toSqlType(payloadSchema).dataType();
        return (StructType) type;
    }

    /**
     * The top-level payload fields marked {@code "pii": true} in the contract: personal data that must not leave
     * bronze in clear.
     */
    public List<String> piiFields() {
        return payloadSchema.getFields().stream().filter(f -> Boolean.TRUE.equals(f.getObjectProp(PII_PROPERTY)))
                .map(Schema.Field::name).toList();
    }

    @Override
    public String toString() {
        return eventType + " v" + version;
    }
}
