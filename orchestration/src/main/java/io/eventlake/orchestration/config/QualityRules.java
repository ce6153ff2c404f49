package io.eventlake.orchestration.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.eventlake.errors.LakeErrors;
import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.Level;
import io.eventlake.quality.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the quality rules: one HOCON file per guarded table, {@code <table>.conf} (e.g.
 * {@code silver.payments.conf}), from a folder ({@code conf/quality}) or from the copies packaged in the jar.
 *
 * <pre>
 * rules = [
 *   { name = amount_positive, level = quarantine, range { column = amount, min = 0.01, max = 1000000 } }
 *   { name = payment_id_present, level = block, completeness { column = payment_id } }
 *   { name = no_row_count_drop, level = block, anomaly { metric = row-count, min-ratio = 0.5 } }
 * ]
 * </pre>
 *
 * Constraints (exactly one per rule): {@code completeness { column, at-least = 1.0 }}, {@code uniqueness { columns
 * = [..] }}, {@code range { column, min, max }}, {@code allowed-values { column, values = [..] }},
 * {@code satisfies = "<SQL condition on the row>"}, {@code row-count { min = 0, max }},
 * {@code anomaly { metric = row-count | completeness, column, min-ratio = 0, max-ratio }}. Levels: {@code warn},
 * {@code quarantine} (row-level constraints only), {@code block}. Every mistake is refused at start-up, naming the
 * file and the rule.
 */
public final class QualityRules {
    /** Where the jar keeps its copies of conf/quality. */
    static final String RESOURCE_ROOT = "eventlake-conf/quality/";
    private static final Set<String> CONSTRAINTS = Set.of("completeness", "uniqueness", "range", "allowed-values",
            "satisfies", "row-count", "anomaly");

    private QualityRules() {
    }

    /**
     * The gates of the guarded tables: from {@code folder} when given (every file must name a guarded table), else
     * from the jar.
     *
     * @param batches tables checked micro-batch by micro-batch before a write (silver)
     * @param audited tables audited as whole versions after a write (gold): no quarantine level there
     */
    public static Map<String, Gate> load(Path folder, Collection<String> batches, Collection<String> audited) {
        List<String> tables = new ArrayList<>(batches);
        tables.addAll(audited);
        Map<String, Gate> gates = load(folder, tables);
        for (String table : audited) {
            Gate gate = gates.get(table);
            if (gate != null && !gate.quarantineRules().isEmpty()) {
                throw LakeErrors.qualityRulesInvalid(table + ".conf", gate.quarantineRules().get(0).name(),
                        table + " is audited as a whole version after each refresh, so no row can be quarantined; "
                                + "use level warn or block");
            }
        }
        return gates;
    }

    static Map<String, Gate> load(Path folder, Collection<String> tables) {
        Map<String, Gate> gates = new LinkedHashMap<>();
        if (folder == null) {
            for (String table : tables) {
                String resource = RESOURCE_ROOT + table + ".conf";
                if (QualityRules.class.getClassLoader().getResource(resource) != null) {
                    gates.put(table, parse(ConfigFactory.parseResources(QualityRules.class.getClassLoader(),
                            resource), "classpath:" + resource, table));
                }
            }
            return gates;
        }
        if (!Files.isDirectory(folder)) {
            throw LakeErrors.configFileNotFound(folder.toString(), "It should be the folder of the quality rule "
                    + "files (<table>.conf), set by eventlake.quality.rules-dir.");
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted().toList()) {
                String table = file.getFileName().toString().replaceFirst("\\.conf$", "");
                if (!tables.contains(table)) {
                    throw LakeErrors.qualityRulesInvalid(file.toString(), "(file name)", "No gate guards a table "
                            + "named " + table + "; rule files are named after the table they guard, one of "
                            + new TreeSet<>(tables));
                }
                Config config;
                try {
                    config = ConfigFactory.parseFile(file.toFile());
                } catch (ConfigException.Parse e) {
                    throw LakeErrors.qualityRulesInvalid(file.toString(), "(file)", "HOCON syntax: "
                            + e.getMessage());
                }
                gates.put(table, parse(config, file.toString(), table));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return gates;
    }

    static Gate parse(Config file, String source, String table) {
        if (!file.hasPath("rules")) {
            throw LakeErrors.qualityRulesInvalid(source, "(file)", "It has no 'rules' list");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (Config rule : file.getConfigList("rules")) {
            index++;
            String name = rule.hasPath("name") ? rule.getString("name") : "#" + index;
            try {
                if (!name.matches("[a-z][a-z0-9_]*")) {
                    throw invalid("a name of lower-case letters, digits and '_' is required (it is written on "
                            + "quarantined rows and verdicts)");
                }
                if (!names.add(name)) {
                    throw invalid("another rule of the file has the same name");
                }
                Level level = level(rule);
                Set<String> kinds = new TreeSet<>(rule.root().keySet());
                kinds.retainAll(CONSTRAINTS);
                if (kinds.size() != 1) {
                    throw invalid("exactly one constraint is required, one of " + new TreeSet<>(CONSTRAINTS)
                            + "; found " + kinds);
                }
                Set<String> unknown = new TreeSet<>(rule.root().keySet());
                unknown.removeAll(CONSTRAINTS);
                unknown.removeAll(Set.of("name", "level"));
                if (!unknown.isEmpty()) {
                    throw invalid("unknown keys " + unknown);
                }
                rules.add(new Rule(name, level, constraint(kinds.iterator().next(), rule)));
            } catch (InvalidRule | IllegalArgumentException e) {
                throw LakeErrors.qualityRulesInvalid(source, name, e.getMessage());
            } catch (ConfigException e) {
                throw LakeErrors.qualityRulesInvalid(source, name, e.getMessage().replaceFirst("^[^:]*: \\d+: ", "")
                        .replaceFirst("\\.$", ""));
            }
        }
        return new Gate(table, rules);
    }

    private static Level level(Config rule) {
        String level = rule.hasPath("level") ? rule.getString("level") : "";
        return switch (level) {
            case "warn" -> Level.WARN;
            case "quarantine" -> Level.QUARANTINE;
            case "block" -> Level.BLOCK;
            default -> throw invalid("level must be warn, quarantine or block, not '" + level + "'");
        };
    }

    private static Constraint constraint(String kind, Config rule) {
        if (kind.equals("satisfies")) {
            return new Constraint.Satisfies(rule.getString("satisfies"));
        }
        Config c = rule.getConfig(kind);
        return switch (kind) {
            case "completeness" -> new Constraint.Completeness(c.getString("column"),
                    c.hasPath("at-least") ? c.getDouble("at-least") : 1.0);
            case "uniqueness" -> new Constraint.Uniqueness(c.getStringList("columns"));
            case "range" -> new Constraint.Range(c.getString("column"), c.getDouble("min"), c.getDouble("max"));
            case "allowed-values" -> new Constraint.AllowedValues(c.getString("column"), c.getStringList("values"));
            case "row-count" -> new Constraint.RowCount(c.hasPath("min") ? c.getLong("min") : 0,
                    c.hasPath("max") ? c.getLong("max") : Long.MAX_VALUE);
            default -> anomaly(c);
        };
    }

    private static Constraint anomaly(Config c) {
        String metric = c.getString("metric");
        Constraint.Anomaly.Metric kind = switch (metric) {
            case "row-count" -> Constraint.Anomaly.Metric.ROW_COUNT;
            case "completeness" -> Constraint.Anomaly.Metric.COMPLETENESS;
            default -> throw invalid("anomaly metric must be row-count or completeness, not '" + metric + "'");
        };
        if (kind == Constraint.Anomaly.Metric.COMPLETENESS && !c.hasPath("column")) {
            throw invalid("a completeness anomaly needs a column");
        }
        double min = c.hasPath("min-ratio") ? c.getDouble("min-ratio") : 0;
        double max = c.hasPath("max-ratio") ? c.getDouble("max-ratio") : Double.MAX_VALUE;
        if (min < 0 || max < min) {
            throw invalid("ratios need 0 <= min-ratio <= max-ratio");
        }
        return new Constraint.Anomaly(kind, c.hasPath("column") ? c.getString("column") : null, min, max);
    }

    private static InvalidRule invalid(String reason) {
        return new InvalidRule(reason.toUpperCase(Locale.ROOT).charAt(0) + reason.substring(1));
    }

    /** A rule's mistake, turned into a {@code QUALITY_RULES_INVALID} error naming the file and rule. */
    private static final class InvalidRule extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRule(String message) {
            super(message);
        }
    }
}
