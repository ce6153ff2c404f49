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

    /** The table the job writes. */
    io.eventlake.table.TableLocation table();

    /** Plans a backfill of the job's table over {@code range} from what bronze holds; writes nothing. */
    SilverTableJob.BackfillPlan plan(SparkSession spark, io.eventlake.table.EventTimeRange range);

    /** Applies a {@link #plan} in tagged MERGEs (refused when a block rule of the table's gate failed). */
    void apply(SparkSession spark, SilverTableJob.BackfillPlan plan, io.eventlake.table.CommitTag.Backfill tag);
}
