package io.eventlake.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why eventlake made a commit: the one grammar of the {@code tag} in a commit's {@code userMetadata}
 * ({@link DeltaCommits} adds the run). Only this type writes ({@link #text()}) and reads ({@link #parse}) tags;
 * everything else matches on the variants.
 *
 * <pre>
 * Batch        &lt;query id&gt;/&lt;batch id&gt;[#&lt;part&gt;]     a streaming micro-batch; part names a second write of
 *                                                 the batch to one table (e.g. #gate, #conformance)
 * Refresh      refresh:&lt;job&gt;:{"table":version,...}  a gold refresh and the input versions it read
 * Restore      restore:&lt;version&gt;[ &lt;reason&gt;]        a restore; reasons: rollback, rollback-of:&lt;run&gt;,
 *                                                 audit-failed:v&lt;written&gt; rules:&lt;rule,...&gt;
 * RunRecord    runs:&lt;command&gt;                       the run record of a command
 * GateResults  gate-results:&lt;table&gt;                  the verdicts of a gate on a table
 * TrainingSet  training-set:{"table":version,...}   a training set and the versions it read
 * Backfill     backfill:&lt;job&gt;:&lt;from&gt;/&lt;to&gt;          a backfill of one table over an event-time range
 * Maintenance  maintain:&lt;operation&gt;                  lake maintain: properties, optimize or vacuum (no row
 *                                                 changes)
 * Other        anything else (a tag from an older version of eventlake)
 * </pre>
 */
public sealed interface CommitTag {
    /** The tag as written into the commit. */
    String text();

    /** The tag of {@code text}; {@link Other} when it is none of the known forms. */
    static CommitTag parse(String text) {
        if (text.startsWith(Refresh.PREFIX)) {
            int end = text.indexOf(':', Refresh.PREFIX.length());
            Optional<Map<String, Long>> inputs = end < 0 ? Optional.empty() : TagGrammar.versions(text.substring(end + 1));
            if (inputs.isPresent()) {
                return new Refresh(text.substring(Refresh.PREFIX.length(), end), inputs.get());
            }
        } else if (text.startsWith(Restore.PREFIX)) {
            Matcher m = TagGrammar.RESTORE.matcher(text);
            if (m.matches()) {
                return new Restore(Long.parseLong(m.group(1)), m.group(2) == null ? "" : m.group(2));
            }
        } else if (text.startsWith(RunRecord.PREFIX)) {
            return new RunRecord(text.substring(RunRecord.PREFIX.length()));
        } else if (text.startsWith(Maintenance.PREFIX)) {
            return new Maintenance(text.substring(Maintenance.PREFIX.length()));
        } else if (text.startsWith(GateResults.PREFIX)) {
            return new GateResults(text.substring(GateResults.PREFIX.length()));
        } else if (text.startsWith(Backfill.PREFIX)) {
            int end = text.indexOf(':', Backfill.PREFIX.length()); // a job name has no ':', the instants do
            Optional<EventTimeRange> range = end < 0 ? Optional.empty()
                    : EventTimeRange.ofText(text.substring(end + 1));
            if (range.isPresent()) {
                return new Backfill(text.substring(Backfill.PREFIX.length(), end), range.get());
            }
        } else if (text.startsWith(TrainingSet.PREFIX)) {
            Optional<Map<String, Long>> versions = TagGrammar.versions(text.substring(TrainingSet.PREFIX.length()));
            if (versions.isPresent()) {
                return new TrainingSet(versions.get(), TagGrammar.labelsSha256(text.substring(TrainingSet.PREFIX.length())));
            }
        } else {
            Matcher m = TagGrammar.BATCH.matcher(text);
            if (m.matches()) {
                return new Batch(m.group(1), Long.parseLong(m.group(2)), m.group(3) == null ? "" : m.group(3));
            }
        }
        return new Other(text);
    }

    /**
     * A streaming micro-batch of query {@code queryId} (the exactly-once key Delta records with it). A batch that
     * writes one table more than once (silver's quarantine: conformance failures, then gate failures) names each
     * further write with a {@code part}, so every commit's tag is its own.
     *
     * @param part empty for the batch's write, else lower-case letters and '-' naming the write
     */
    record Batch(String queryId, long batchId, String part) implements CommitTag {
        public Batch {
            if (!part.matches("[a-z-]*")) {
                throw new IllegalArgumentException("a batch part is lower-case letters and '-': " + part);
            }
        }

        /** The batch's (first) write. */
        public Batch(String queryId, long batchId) {
            this(queryId, batchId, "");
        }

        /** The same batch, another write of it. */
        public Batch part(String name) {
            return new Batch(queryId, batchId, name);
        }

        @Override
        public String text() {
            return queryId + "/" + batchId + (part.isEmpty() ? "" : "#" + part);
        }
    }

    /** A refresh of gold job {@code job} and the input table versions it read. */
    record Refresh(String job, Map<String, Long> inputs) implements CommitTag {
        static final String PREFIX = "refresh:";

        public Refresh {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        }

        @Override
        public String text() {
            return PREFIX + job + ":" + TagGrammar.json(inputs, null);
        }
    }

    /** A restore of the table to {@code version}; {@code reason} says why (see the factories). */
    record Restore(long version, String reason) implements CommitTag {
        static final String PREFIX = "restore:";
        private static final String AUDIT_FAILED = "audit-failed:v";
        private static final String ROLLBACK_OF = "rollback-of:";

        /** Undoing a write whose audit failed its block rules. */
        public static Restore afterFailedAudit(long version, long written, List<String> rules) {
            return new Restore(version, AUDIT_FAILED + written + " rules:" + String.join(",", rules));
        }

        /** {@code lake rollback <table> --to-version}. */
        public static Restore rollback(long version) {
            return new Restore(version, "rollback");
        }

        /** {@code lake rollback --run <run>}: undoing what that run wrote. */
        public static Restore rollbackOf(long version, String runId) {
            return new Restore(version, ROLLBACK_OF + runId);
        }

        /** Whether it undid a write whose audit failed (the write's job made it, not a person). */
        public boolean afterFailedAudit() {
            return reason.startsWith(AUDIT_FAILED);
        }

        @Override
        public String text() {
            return PREFIX + version + (reason.isEmpty() ? "" : " " + reason);
        }
    }

    /** The run record of {@code command} in the runs table. */
    record RunRecord(String command) implements CommitTag {
        static final String PREFIX = "runs:";

        @Override
        public String text() {
            return PREFIX + command;
        }
    }

    /** The verdicts of a gate on {@code table} in the gate results table. */
    record GateResults(String table) implements CommitTag {
        static final String PREFIX = "gate-results:";

        @Override
        public String text() {
            return PREFIX + table;
        }
    }

    /** A training set: the versions it read (by table) and the SHA-256 of a labels file, when it read one. */
    record TrainingSet(Map<String, Long> versions, Optional<String> labelsSha256) implements CommitTag {
        static final String PREFIX = "training-set:";

        public TrainingSet {
            versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
        }

        @Override
        public String text() {
            return PREFIX + TagGrammar.json(versions, labelsSha256.orElse(null));
        }
    }

    /**
     * A backfill's write of one table: job {@code job} rebuilt the table's rows of an event-time {@code range}
     * (a MERGE changing only the rows that differ).
     */
    record Backfill(String job, EventTimeRange range) implements CommitTag {
        static final String PREFIX = "backfill:";

        public Backfill {
            if (job.contains(":")) {
                throw new IllegalArgumentException("a backfill's job name has no ':': " + job);
            }
        }

        @Override
        public String text() {
            return PREFIX + job + ":" + range.text();
        }
    }

    /** {@code lake maintain}'s commit of one {@code operation} (properties, optimize, vacuum): no row changes. */
    record Maintenance(String operation) implements CommitTag {
        static final String PREFIX = "maintain:";

        @Override
        public String text() {
            return PREFIX + operation;
        }
    }

    /** A tag none of the others reads (kept as it is). */
    record Other(String text) implements CommitTag {
    }
}

/** The pieces of the grammar the variants share. */
final class TagGrammar {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern BATCH = Pattern.compile("(.+)/(\\d+)(?:#([a-z-]+))?");
    static final Pattern RESTORE = Pattern.compile("restore:(\\d+)(?: (.*))?", Pattern.DOTALL);
    private static final String LABELS_SHA256 = "labels_sha256";

    private TagGrammar() {
    }

    static String json(Map<String, Long> versions, String labelsSha256) {
        ObjectNode node = JSON.createObjectNode();
        versions.forEach(node::put);
        if (labelsSha256 != null) {
            node.put(LABELS_SHA256, labelsSha256);
        }
        return node.toString();
    }

    static Optional<Map<String, Long>> versions(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            Map<String, Long> versions = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isIntegralNumber()) {
                    versions.put(field.getKey(), field.getValue().asLong());
                }
            }
            return Optional.of(versions);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static Optional<String> labelsSha256(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.hasNonNull(LABELS_SHA256)
                    ? Optional.of(node.get(LABELS_SHA256).asText()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
