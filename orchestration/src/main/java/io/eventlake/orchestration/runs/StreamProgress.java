package io.eventlake.orchestration.runs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * Listens to a run's streaming queries: their names by id (commit tags name the query id) and, per source, the
 * offset the first micro-batch started from and the offset the last one ended at. A source's description is only
 * the key that tells one source of a query from another; what it reads comes from its offsets.
 */
final class StreamProgress extends StreamingQueryListener {
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String[]>> ranges = new ConcurrentHashMap<>();

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        names.put(event.id().toString(), event.name());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        names.put(event.progress().id().toString(), event.progress().name());
        Map<String, String[]> sources = ranges.computeIfAbsent(event.progress().name(),
                n -> new ConcurrentHashMap<>());
        for (SourceProgress source : event.progress().sources()) {
            if (source.endOffset() == null) {
                continue;
            }
            sources.merge(source.description(), new String[] {source.startOffset() == null ? "earliest"
                    : source.startOffset(), source.endOffset()}, (first, next) -> new String[] {first[0], next[1]});
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    /** The query name of a query id; null when no query of the run had it. */
    String name(String id) {
        return names.get(id);
    }

    /** Per query name, per source description: {first start offset, last end offset}. */
    Map<String, Map<String, String[]>> ranges() {
        return ranges;
    }
}
