package io.eventlake.silver.conform;

import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.eventlake.contracts.EventContract;
import io.eventlake.errors.LakeErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads every version of an event type's payload as the newest version.
 *
 * <p>Each event's JSON is parsed with the Spark schema derived from its own version's contract, then aligned to the
 * newest: a field the older version lacks takes its Avro default (null for optional fields), a promoted type is
 * cast (int to long, float to double), nested records and arrays of records are aligned field by field. The
 * contracts are backward compatible (checked at load), so this never loses a value. One pass: a {@code CASE} over
 * the versions, no union.
 */
public final class Upcast {
    private Upcast() {
    }

    /**
     * The payload of {@code eventJson} (a bronze {@code value}, an event with a {@code payload} field) as the newest
     * of {@code versions}; null when {@code schemaVersion} is none of them.
     *
     * @param versions every version of one event type, ascending
     */
    public static Column payloadAsLatest(Column eventJson, Column schemaVersion, List<EventContract> versions) {
        EventContract latest = versions.get(versions.size() - 1);
        StructType target = latest.payloadSparkSchema();
        Column result = null;
        for (EventContract version : versions) {
            StructType own = version.payloadSparkSchema();
            Column payload = from_json(eventJson, new StructType().add("payload", own), Map.of())
                    .getField("payload");
            Column aligned = version == latest ? payload
                    : align(payload, own, target, latest.payloadSchema(), latest);
            Column matches = schemaVersion.equalTo(version.version());
            result = result == null ? when(matches, aligned) : result.when(matches, aligned);
        }
        return result;
    }

    /** The newest version's payload schema: what {@link #payloadAsLatest} returns. */
    public static StructType latestSchema(List<EventContract> versions) {
        return versions.get(versions.size() - 1).payloadSparkSchema();
    }

    private static Column align(Column source, StructType from, StructType to, Schema toAvro, EventContract latest) {
        List<Column> fields = new ArrayList<>();
        for (StructField target : to.fields()) {
            Schema.Field avroField = record(toAvro).getField(target.name());
            Column value = from.getFieldIndex(target.name()).isDefined()
                    ? alignType(source.getField(target.name()), from.apply(target.name()).dataType(),
                            target.dataType(), avroField.schema(), latest)
                    : defaultOf(avroField, target.dataType(), latest);
            fields.add(value.as(target.name()));
        }
        return when(source.isNull(), lit(null).cast(to)).otherwise(struct(fields.toArray(Column[]::new)));
    }

    private static Column alignType(Column value, DataType from, DataType to, Schema toAvro, EventContract latest) {
        if (from.equals(to)) {
            return value;
        }
        if (from instanceof StructType fromStruct && to instanceof StructType toStruct) {
            return align(value, fromStruct, toStruct, toAvro, latest);
        }
        if (from instanceof ArrayType fromArray && to instanceof ArrayType toArray
                && fromArray.elementType() instanceof StructType fromElement
                && toArray.elementType() instanceof StructType toElement) {
            Schema elementAvro = nonNull(toAvro).getElementType();
            return transform(value, element -> align(element, fromElement, toElement, elementAvro, latest));
        }
        return value.cast(to); // Avro promotions: int -> long/float/double, long -> float/double, string <-> bytes
    }

    private static Column defaultOf(Schema.Field field, DataType type, EventContract latest) {
        Object value = field.defaultVal();
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return lit(null).cast(type);
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return lit(value instanceof CharSequence text ? text.toString() : value).cast(type);
        }
        throw LakeErrors.contractDefaultUnsupported(latest.eventType(), latest.version(), field.name());
    }

    private static Schema record(Schema schema) {
        return nonNull(schema);
    }

    /** The non-null branch of an optional (["null", X]) schema; the schema itself otherwise. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }
}
