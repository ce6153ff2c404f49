package io.eventlake.gold;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The intermediate results one refresh keeps in memory (spilling to disk) because it reads them more than once:
 * each is computed, and its table scanned and its Delta files filtered, once. Closing releases them all.
 *
 * <p>Use in a try-with-resources around one refresh; not thread-safe.
 */
public final class Scratch implements AutoCloseable {
    private final List<Dataset<?>> kept = new ArrayList<>();

    /** {@code rows}, computed on first use and kept until {@link #close}. */
    public Dataset<Row> keep(Dataset<Row> rows) {
        Dataset<Row> persisted = rows.persist(StorageLevel.MEMORY_AND_DISK());
        kept.add(persisted);
        return persisted;
    }

    @Override
    public void close() {
        kept.forEach(rows -> rows.unpersist(false));
        kept.clear();
    }
}
