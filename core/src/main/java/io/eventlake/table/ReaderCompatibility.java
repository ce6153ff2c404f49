package io.eventlake.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Delta table properties eventlake pins on every table it creates, so the readers data scientists use can read
 * every table at every version: delta-rs ({@code deltalake}) refuses deletion vectors and v2 checkpoints, polars
 * refuses column mapping and v2 checkpoints (DuckDB reads them all). Pinned explicitly rather than left to Delta's
 * defaults, which a cluster's {@code spark.databricks.delta.properties.defaults.*} may change.
 */
public final class ReaderCompatibility {
    /** Table property to the only value eventlake writes. */
    public static final Map<String, String> PINNED;

    static {
        Map<String, String> pinned = new LinkedHashMap<>();
        pinned.put("delta.enableDeletionVectors", "false");
        pinned.put("delta.columnMapping.mode", "none");
        pinned.put("delta.checkpointPolicy", "classic");
        PINNED = java.util.Collections.unmodifiableMap(pinned);
    }

    /** Spark's prefix of a session default for a table property ({@code delta.x} -> prefix + {@code x}). */
    public static final String SESSION_DEFAULT_PREFIX = "spark.databricks.delta.properties.defaults.";

    private ReaderCompatibility() {
    }

    /**
     * The pinned table property a Spark setting would change, if {@code key} is the session default of one and
     * {@code value} is not the pinned value (e.g. {@code spark.databricks.delta.properties.defaults
     * .enableDeletionVectors=true}).
     */
    public static Optional<String> conflict(String key, String value) {
        if (!key.startsWith(SESSION_DEFAULT_PREFIX)) {
            return Optional.empty();
        }
        String property = "delta." + key.substring(SESSION_DEFAULT_PREFIX.length());
        String pinned = PINNED.get(property);
        return pinned != null && !pinned.equalsIgnoreCase(value.trim()) ? Optional.of(property) : Optional.empty();
    }
}
