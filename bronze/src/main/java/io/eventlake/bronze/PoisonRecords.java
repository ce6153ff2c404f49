package io.eventlake.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Finds the records that make a micro-batch's write fail, by bisection: each candidate range of Kafka offsets is
 * written to a scratch Delta table (the same writer, the same checks); a range that writes is clean, a single record
 * that does not is poison. About {@code 2 log2(n)} scratch writes per poison record: a last line of defence for
 * data the validator passed but the writer refuses, never the normal path.
 */
final class PoisonRecords {
    /**
     * One record that cannot be written, and why.
     *
     * @param at      its Kafka coordinates: topic, partition, offset
     * @param failure the class of the root cause its write failed with
     */
    record Poison(Row at, String failure) {
    }

    private final String scratch;

    /** @param scratch a folder this search may overwrite and deletes afterwards */
    PoisonRecords(String scratch) {
        this.scratch = scratch;
    }

    /** More poison than this in one batch is no data problem: the search stops and the failure stands. */
    static final int MAX_POISON = 10;

    /**
     * The poison records of {@code events} ({@link BronzeEventsTable} rows); empty when all of them write, when
     * even an empty write fails (the file system, not the data), or when more than {@link #MAX_POISON} fail alone.
     */
    List<Poison> find(Dataset<Row> events) {
        List<Poison> poison = new ArrayList<>();
        try {
            if (tryWrite(events.limit(0)).isPresent()) {
                return List.of(); // nothing can be written: an environment failure, never bisected
            }
            List<Row> partitions = events.groupBy(BronzeEventsTable.TOPIC, BronzeEventsTable.PARTITION)
                    .agg(min(BronzeEventsTable.OFFSET), max(BronzeEventsTable.OFFSET)).collectAsList();
            for (Row partition : partitions) {
                search(events, partition.getString(0), partition.getInt(1), partition.getLong(2),
                        partition.getLong(3), poison);
            }
            if (poison.size() > MAX_POISON) {
                return List.of();
            }
        } finally {
            delete(events);
        }
        return poison;
    }

    private void search(Dataset<Row> events, String topic, int partition, long from, long to, List<Poison> poison) {
        Column range = col(BronzeEventsTable.TOPIC).equalTo(topic)
                .and(col(BronzeEventsTable.PARTITION).equalTo(partition))
                .and(col(BronzeEventsTable.OFFSET).between(from, to));
        Dataset<Row> candidates = events.where(range);
        Optional<Throwable> failure = tryWrite(candidates);
        if (failure.isEmpty()) {
            return;
        }
        if (poison.size() > MAX_POISON) {
            return;
        }
        if (from == to) {
            if (!candidates.isEmpty()) {
                poison.add(new Poison(RowFactory.create(topic, partition, from), rootCause(failure.get())));
            }
            return;
        }
        long middle = from + (to - from) / 2;
        search(events, topic, partition, from, middle, poison);
        search(events, topic, partition, middle + 1, to, poison);
    }

    private Optional<Throwable> tryWrite(Dataset<Row> rows) {
        try {
            rows.write().format("delta").mode("overwrite").save(scratch);
            return Optional.empty();
        } catch (Exception e) { // SparkException is checked, though Spark's API does not declare it
            return Optional.of(e);
        }
    }

    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    private void delete(Dataset<Row> events) {
        try {
            Path path = new Path(scratch);
            FileSystem fs = path.getFileSystem(events.sparkSession().sessionState().newHadoopConf());
            fs.delete(path, true);
        } catch (java.io.IOException e) {
            // scratch only: the next search overwrites it
        }
    }
}
