package io.eventlake.silver;

import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** How a silver table's schema follows its event contract. */
public final class SilverSchemas {
    private SilverSchemas() {
    }

    /**
     * The published columns of a table followed by every payload column it does not already map: a field a new
     * contract version adds reaches the table as a nullable column at the end (schema evolution) without a code
     * change.
     *
     * @param published      the table's published columns (its Java contract)
     * @param payloadColumns the payload's columns after conformance (newest version, personal fields tokenized)
     * @param consumed       payload columns the table maps into other columns or tables (e.g. an order's lines)
     */
    public static StructType withNewPayloadFields(StructType published, StructType payloadColumns,
                                                  Set<String> consumed) {
        StructType schema = published;
        for (StructField field : payloadColumns.fields()) {
            if (published.getFieldIndex(field.name()).isEmpty() && !consumed.contains(field.name())) {
                schema = schema.add(field.name(), field.dataType(), true);
            }
        }
        return schema;
    }
}
