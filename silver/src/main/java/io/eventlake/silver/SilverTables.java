package io.eventlake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** Column types every silver table shares, and how a batch picks one copy of each event. */
public final class SilverTables {
    private SilverTables() {
    }

    private static final String FIRST = "_first_copy";

    /**
     * The rows of the first copy bronze received of each event (by ingest time, then topic, partition, offset),
     * for rows with {@code event_id} and {@code source}: two records with one event id (a producer's retry, or a
     * producer reusing an id for other content) yield the rows of one of them, the same one in every table derived
     * from the event, so an order's header and its lines always come from the same copy.
     */
    public static Dataset<Row> firstCopies(Dataset<Row> rows, String eventId, String source) {
        Column order = struct(col(source + ".ingest_time"), col(source + ".topic"), col(source + ".partition"),
                col(source + ".offset"));
        Dataset<Row> first = rows.groupBy(eventId).agg(min(order).as(FIRST));
        Column[] columns = java.util.Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new);
        return rows.join(first, scala.collection.JavaConverters.asScalaBuffer(java.util.List.of(eventId)).toSeq())
                .where(order.equalTo(col(FIRST)))
                .select(columns);
    }

    /** Lineage of a silver row: where its bronze record came from. */
    public static final StructType SOURCE_TYPE = new StructType()
            .add("topic", StringType)
            .add("partition", IntegerType)
            .add("offset", LongType)
            .add("ingest_time", TimestampType);
}
