package io.eventlake.bronze;

import static org.apache.spark.sql.functions.broadcast;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The Kafka coordinates of the records one micro-batch's validation found invalid, noted by the validation itself
 * as the events are written (a Spark accumulator): the quarantine then takes just those records from the batch,
 * without a second pass over the batch or a re-read of what was written.
 *
 * <p>Spark applies a retried or speculative task's notes more than once, so they are kept as a set; a failed
 * task's are dropped. One instance per micro-batch, registered on the driver.
 */
public final class InvalidRecords implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final StructType COORDINATES = new StructType().add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType);

    /** A record's place in Kafka. */
    public record Coordinates(String topic, int partition, long offset) implements Serializable {
    }

    private final CollectionAccumulator<Coordinates> noted;

    private InvalidRecords(CollectionAccumulator<Coordinates> noted) {
        this.noted = noted;
    }

    /** A new, empty set for one batch, registered with the session's Spark context under {@code name}. */
    public static InvalidRecords register(SparkSession spark, String name) {
        return new InvalidRecords(spark.sparkContext().collectionAccumulator(name));
    }

    /** Notes an invalid record (on an executor, while validating). */
    void note(String topic, int partition, long offset) {
        noted.add(new Coordinates(topic, partition, offset));
    }

    /** The records noted, once each (on the driver, after the action that validated them). */
    public Set<Coordinates> noted() {
        return new LinkedHashSet<>(noted.value());
    }

    /** The rows of {@code kafkaRecords} (Kafka source columns) noted invalid. */
    public Dataset<Row> of(Dataset<Row> kafkaRecords) {
        List<Row> rows = new ArrayList<>();
        for (Coordinates at : noted()) {
            rows.add(RowFactory.create(at.topic(), at.partition(), at.offset()));
        }
        Dataset<Row> coordinates = kafkaRecords.sparkSession().createDataFrame(rows, COORDINATES);
        return kafkaRecords.join(broadcast(coordinates), scala.collection.JavaConverters.asScalaBuffer(
                List.of("topic", "partition", "offset")).toSeq(), "left_semi");
    }
}
