package io.eventlake.silver.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.eventlake.bronze.BronzeEventsTable;
import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.EventContract;
import io.eventlake.silver.pii.PiiTokenizer;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the valid bronze events of one type into typed rows: the envelope columns, the payload's fields in the
 * newest contract version ({@link Upcast}), and {@value #SOURCE} (the Kafka coordinates and ingest time of the bronze
 * record). Strings are trimmed at every depth; a top-level {@code currency} field is upper-cased and must be an
 * ISO-4217 code, a top-level {@code country} an ISO-3166 alpha-2 code. Personal fields (marked {@code "pii": true} in
 * the contract) leave as keyed tokens named {@code <field>_token} ({@link PiiTokenizer}); their clear values never
 * reach a silver column.
 *
 * <p>Every row carries {@value #REASONS}: empty when it conforms, otherwise machine-readable reasons
 * ({@code invalid_currency:<field>}, {@code invalid_country:<field>}, {@code unparseable_payload}); nothing is dropped here. Pure: no I/O.
 */
public final class Conformance {
    /** Why a row does not conform; empty when it does. */
    public static final String REASONS = "conformance_reasons";
    /** The bronze lineage struct: topic, partition, offset, ingest_time. */
    public static final String SOURCE = ContractRegistry.SOURCE_FIELD;
    private static final String PAYLOAD = "_payload";
    private static final String CURRENCY_FIELD = "currency";
    private static final String COUNTRY_FIELD = "country";
    /** Suffix of the column holding a personal field's token. */
    public static final String TOKEN_SUFFIX = "_token";
    private static final String[] ENVELOPE = {BronzeEventsTable.EVENT_ID, BronzeEventsTable.EVENT_TYPE,
        BronzeEventsTable.SCHEMA_VERSION, BronzeEventsTable.OCCURRED_AT, BronzeEventsTable.PRODUCER,
        BronzeEventsTable.CORRELATION_ID};

    private Conformance() {
    }

    /**
     * @param bronzeEvents rows of {@link BronzeEventsTable} (a batch or a stream)
     * @param versions     every contract version of the event type, ascending
     * @param tokenizer    replaces the personal fields' values
     */
    public static Dataset<Row> conform(Dataset<Row> bronzeEvents, List<EventContract> versions,
                                       PiiTokenizer tokenizer) {
        String eventType = versions.get(0).eventType();
        StructType payloadSchema = Upcast.latestSchema(versions);
        List<String> personal = versions.get(versions.size() - 1).piiFields();
        List<Column> columns = new ArrayList<>();
        for (String field : ENVELOPE) {
            columns.add(col(field));
        }
        columns.add(struct(col(BronzeEventsTable.TOPIC), col(BronzeEventsTable.PARTITION),
                col(BronzeEventsTable.OFFSET), col(BronzeEventsTable.INGEST_TIME)).as(SOURCE));
        for (StructField field : payloadSchema.fields()) {
            Column value = trimStrings(col(PAYLOAD).getField(field.name()), field.dataType());
            if ((field.name().equals(CURRENCY_FIELD) || field.name().equals(COUNTRY_FIELD))
                    && field.dataType().equals(DataTypes.StringType)) {
                value = upper(value);
            }
            if (personal.contains(field.name())) {
                columns.add(tokenizer.tokenize(value.cast(DataTypes.StringType)).as(tokenColumn(field.name())));
            } else {
                columns.add(value.as(field.name()));
            }
        }
        columns.add(reasons(payloadSchema).as(REASONS));
        return bronzeEvents
                .where(col(BronzeEventsTable.IS_VALID).and(col(BronzeEventsTable.EVENT_TYPE).equalTo(eventType)))
                .withColumn(PAYLOAD, Upcast.payloadAsLatest(col(BronzeEventsTable.VALUE).cast(DataTypes.StringType),
                        col(BronzeEventsTable.SCHEMA_VERSION), versions))
                .select(columns.toArray(Column[]::new));
    }

    /** The column holding the token of personal field {@code field}. */
    public static String tokenColumn(String field) {
        return field + TOKEN_SUFFIX;
    }

    /**
     * The columns {@link #conform} gives the payload: its fields in the newest version, personal ones renamed to
     * their token column (a string).
     */
    public static StructType payloadColumns(List<EventContract> versions) {
        List<String> personal = versions.get(versions.size() - 1).piiFields();
        StructType columns = new StructType();
        for (StructField field : Upcast.latestSchema(versions).fields()) {
            columns = personal.contains(field.name())
                    ? columns.add(tokenColumn(field.name()), DataTypes.StringType, true)
                    : columns.add(field);
        }
        return columns;
    }

    /** The conforming rows, without {@value #REASONS}. */
    public static Dataset<Row> accepted(Dataset<Row> conformed) {
        return conformed.where(size(col(REASONS)).equalTo(0)).drop(REASONS);
    }

    /** The rows that do not conform, with their reasons. */
    public static Dataset<Row> rejected(Dataset<Row> conformed) {
        return conformed.where(not(size(col(REASONS)).equalTo(0)));
    }

    private static Column reasons(StructType payloadSchema) {
        List<Column> checks = new ArrayList<>();
        checks.add(when(col(PAYLOAD).isNull(), lit("unparseable_payload")));
        if (payloadSchema.getFieldIndex(CURRENCY_FIELD).isDefined()) {
            Column code = upper(trim(col(PAYLOAD).getField(CURRENCY_FIELD)));
            checks.add(when(code.isNotNull().and(not(code.isin(isoCurrencies()))),
                    lit("invalid_currency:" + CURRENCY_FIELD)));
        }
        if (payloadSchema.getFieldIndex(COUNTRY_FIELD).isDefined()) {
            Column code = upper(trim(col(PAYLOAD).getField(COUNTRY_FIELD)));
            checks.add(when(code.isNotNull().and(not(code.isin((Object[]) Locale.getISOCountries()))),
                    lit("invalid_country:" + COUNTRY_FIELD)));
        }
        return array_compact(array(checks.toArray(Column[]::new)));
    }

    private static Object[] isoCurrencies() {
        return Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted().toArray();
    }

    /** Trims every string, inside records and arrays of records too. */
    static Column trimStrings(Column value, DataType type) {
        if (type.equals(DataTypes.StringType)) {
            return trim(value);
        }
        if (type instanceof StructType struct) {
            List<Column> fields = new ArrayList<>();
            for (StructField field : struct.fields()) {
                fields.add(trimStrings(value.getField(field.name()), field.dataType()).as(field.name()));
            }
            return when(value.isNull(), lit(null).cast(struct)).otherwise(struct(fields.toArray(Column[]::new)));
        }
        if (type instanceof ArrayType array && (array.elementType() instanceof StructType
                || array.elementType().equals(DataTypes.StringType))) {
            return transform(value, element -> trimStrings(element, array.elementType()));
        }
        return value;
    }
}
