package io.eventlake.silver;

import io.eventlake.stream.StreamMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** A streaming job writing one silver table from {@code bronze.events}. */
public interface SilverJob {
    /** The job's name: its streaming query's name and its checkpoint folder. */
    String name();

    /** Creates the table if needed and starts the query. */
    StreamingQuery start(SparkSession spark, StreamMode mode);
}
