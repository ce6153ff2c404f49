package io.eventlake.orchestration.runs;


import io.eventlake.orchestration.config.LakeSettings;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.TableLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code lake lineage <table> --version N}: the runs that wrote a table version and, through the inputs each run
 * recorded, the runs and versions upstream, back to Kafka topics and offsets.
 */
public final class Lineage {
    private static final int MAX_DEPTH = 6;

    private Lineage() {
    }

    /**
     * A table version range and the job of a run that wrote it, with what that job read.
     *
     * @param table    the table
     * @param versions the versions of the range this job wrote
     * @param run      the run id
     * @param job      the job of the run
     * @param inputs   what the job read: Kafka ranges as leaves, tables as nodes of their own
     */
    public record Node(String table, TreeSet<Long> versions, String run, String job, List<RunInput> kafka,
                      List<Node> inputs) {
    }

    /**
     * The lineage of one table version.
     *
     * @param table     the table
     * @param version   the version asked about
     * @param restored  the version whose content it holds: itself, or for a restore the version it restored
     *                  (through chains of restores); the lineage is that version's
     * @param nodes     the runs that wrote {@code restored}, with what they read
     */
    public record Trace(String table, long version, long restored, List<Node> nodes) {
        /** Whether the version is a restore of an older one. */
        public boolean isRestore() {
            return restored != version;
        }
    }

    /**
     * The lineage of version {@code version} of table {@code name}. A restore holds the content of the version it
     * restored, so its lineage is that version's (not the run that made the restore, nor what a refresh the
     * restore undid read).
     */
    public static Trace of(SparkSession spark, LakeSettings settings, String name, long version) {
        TableLocation table = LakeTables.existing(spark, settings, name);
        LakeTables.checkVersion(spark, table, version);
        long restored = DeltaCommits.effectiveVersion(spark, table, version);
        List<Row> runs = LakeTables.runs(spark, settings).collectAsList();
        Map<String, Map<Long, DeltaCommits.CommitInfo>> commits = new HashMap<>();
        return new Trace(name, version, restored, trace(name, restored, restored, 0, new HashSet<>(), runs,
                t -> commits.computeIfAbsent(t, n -> DeltaCommits.commits(spark, settings.tables().get(n))),
                settings));
    }

    /**
     * The runs that wrote versions {@code from..to} of table {@code name}, each with what it read, recursively.
     *
     * @param commits a table's eventlake commits by version, read once per table
     */
    private static List<Node> trace(String name, long from, long to, int depth, Set<String> seen, List<Row> runs,
                                    Function<String, Map<Long, DeltaCommits.CommitInfo>> commits,
                                    LakeSettings settings) {
        List<Node> nodes = new ArrayList<>();
        if (!settings.tables().containsKey(name) || depth > MAX_DEPTH) {
            return nodes;
        }
        Map<String, TreeSet<Long>> versionsByRun = new TreeMap<>();
        commits.apply(name).forEach((version, info) -> {
            if (version >= from && version <= to && info.run().isPresent()) {
                versionsByRun.computeIfAbsent(info.run().get(), r -> new TreeSet<>()).add(version);
            }
        });
        for (Map.Entry<String, TreeSet<Long>> written : versionsByRun.entrySet()) {
            for (Row run : runs) {
                if (!run.getString(run.fieldIndex(RunsTable.RUN_ID)).equals(written.getKey())
                        || !writes(run, name)) {
                    continue;
                }
                String job = run.getString(run.fieldIndex(RunsTable.JOB));
                String key = written.getKey() + "/" + job + "/" + name;
                List<RunInput> kafka = new ArrayList<>();
                List<Node> inputs = new ArrayList<>();
                if (seen.add(key)) {
                    for (Row input : run.<Row>getList(run.fieldIndex(RunsTable.INPUTS))) {
                        RunInput in = new RunInput(input.getString(0), input.getString(1), input.getString(2),
                                input.getString(3));
                        if (RunInput.KAFKA.equals(in.kind())) {
                            kafka.add(in);
                        } else if (RunInput.TABLE.equals(in.kind())) {
                            inputs.addAll(trace(in.source(), version(in.from(), 0),
                                    version(in.to(), Long.MAX_VALUE), depth + 1, seen, runs, commits, settings));
                        }
                    }
                }
                nodes.add(new Node(name, written.getValue(), written.getKey(), job, kafka, inputs));
            }
        }
        return nodes;
    }

    private static boolean writes(Row run, String table) {
        for (Row output : run.<Row>getList(run.fieldIndex(RunsTable.OUTPUTS))) {
            if (output.getString(0).equals(table)) {
                return true;
            }
        }
        return false;
    }

    private static long version(String position, long otherwise) {
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException | NullPointerException e) {
            return otherwise;
        }
    }

    /** The lineage as an indented tree, one line per node and Kafka range, under a line naming a restore. */
    public static String render(Trace trace) {
        StringBuilder out = new StringBuilder();
        if (trace.isRestore()) {
            out.append(trace.table()).append(" v").append(trace.version()).append(" is a restore of v")
                    .append(trace.restored()).append(": it holds v").append(trace.restored())
                    .append("'s content, whose lineage follows\n");
        }
        if (trace.nodes().isEmpty()) {
            out.append(trace.table()).append(" v").append(trace.restored())
                    .append(" was not written by a recorded run\n");
        }
        trace.nodes().forEach(node -> render(node, "", out));
        return out.toString();
    }

    private static void render(Node node, String indent, StringBuilder out) {
        String versions = node.versions().size() == 1 ? "v" + node.versions().first()
                : "v" + node.versions().first() + "..v" + node.versions().last() + " (" + node.versions().size()
                + " versions)";
        out.append(indent).append(node.table()).append(' ').append(versions).append(" <- run ").append(node.run())
                .append(", job ").append(node.job()).append('\n');
        for (RunInput kafka : node.kafka()) {
            out.append(indent).append("  kafka ").append(kafka.source()).append(" offsets ").append(kafka.from())
                    .append(" -> ").append(kafka.to()).append('\n');
        }
        node.inputs().forEach(input -> render(input, indent + "  ", out));
    }

}
