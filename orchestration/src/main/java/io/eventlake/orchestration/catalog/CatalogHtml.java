package io.eventlake.orchestration.catalog;

import io.eventlake.orchestration.runs.TableHistory;
import io.eventlake.orchestration.status.LakeStatus;
import io.eventlake.table.TableFiles;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.StructField;

/**
 * The catalog's pages as static HTML (no server, no script, no file outside the folder: charts and the lineage
 * graph are inline SVG): {@code index.html} with every table by layer and the lineage from Kafka topics to gold,
 * and one page per table answering "can I trust it today, and where does it come from?". Pure: a model in,
 * strings out.
 */
public final class CatalogHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final List<String> COLUMNS = List.of("kafka", "bronze", "silver", "gold", "quality");
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2330;padding:0 1em}
            h1{margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #dde;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #dde;padding:.25em .6em;
            text-align:left;font-size:.92em} th{background:#f3f5fa} .muted{color:#667}
            .ok{color:#17693a;font-weight:600} .bad{color:#b3261e;font-weight:600} .warn{color:#8a5a00}
            .trust{border:2px solid #dde;border-radius:8px;padding:.6em 1em;margin:1em 0}
            .trust.good{border-color:#17693a} .trust.doubt{border-color:#b3261e}
            svg text{font-size:11px;font-family:system-ui,sans-serif} .node rect{fill:#eef2fb;stroke:#5b6b9a}
            .node.up rect{fill:#dff3e6;stroke:#17693a} .node.here rect{fill:#ffe9b3;stroke:#8a5a00}
            .edge{fill:none;stroke:#9aa6c4;stroke-width:1.2} .edge.up{stroke:#17693a;stroke-width:2}
            .chart polyline{fill:none;stroke:#3c5bd6;stroke-width:1.6} .chart circle{fill:#3c5bd6}
            .chart .axis{stroke:#99a} code{background:#f3f5fa;padding:0 .3em}
            """;

    private CatalogHtml() {
    }

    /** Every page, by file name. */
    public static Map<String, String> pages(CatalogModel model) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.html", index(model));
        for (CatalogModel.TablePage table : model.tables()) {
            pages.put(table.file(), table(model, table));
        }
        return pages;
    }

    static String index(CatalogModel model) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>eventlake catalog</h1><p class=\"muted\">Lake <code>").append(esc(model.status().root()))
                .append("</code>, read ").append(TIME.format(model.status().at())).append(" UTC; newest event ")
                .append(model.status().newest().map(TIME::format).orElse("none yet")).append(". Tables are "
                        + "<span class=\"bad\">STALE</span> when more than ").append(human(model.status()
                        .staleAfter())).append(" behind it.</p>");
        for (String layer : List.of("bronze", "silver", "gold", "quality")) {
            body.append("<h2>").append(layer).append("</h2><table id=\"tables-").append(layer).append("\"><tr>"
                    + "<th>table</th><th>description</th><th>owner</th><th>version</th><th>behind newest event"
                    + "</th><th>quality</th></tr>");
            for (CatalogModel.TablePage t : model.tables()) {
                if (!t.layer().equals(layer)) {
                    continue;
                }
                Optional<LakeStatus.TableStatus> status = status(model, t);
                body.append("<tr class=\"table-row\" data-table=\"").append(esc(t.location().name())).append("\">")
                        .append("<td><a href=\"").append(esc(t.file())).append("\">").append(esc(t.location().name()))
                        .append("</a></td><td>").append(esc(t.spec().doc().description())).append("</td><td>")
                        .append(esc(t.owner())).append("</td><td>")
                        .append(status.flatMap(LakeStatus.TableStatus::version).map(String::valueOf)
                                .orElse("not created yet")).append("</td><td>").append(freshness(status))
                        .append("</td><td>").append(quality(t)).append("</td></tr>");
            }
            body.append("</table>");
        }
        body.append("<h2>Lineage</h2><p class=\"muted\">From the inputs and outputs every run recorded in the runs "
                + "table: Kafka topics into bronze, bronze into silver, silver into gold.</p>");
        body.append(lineage(model.lineage(), model, null));
        return page("eventlake catalog", body.toString());
    }

    static String table(CatalogModel model, CatalogModel.TablePage t) {
        String name = t.location().name();
        Optional<LakeStatus.TableStatus> status = status(model, t);
        StringBuilder body = new StringBuilder();
        body.append("<p><a href=\"index.html\">&larr; all tables</a></p><h1>").append(esc(name)).append("</h1>");
        body.append("<p>").append(esc(t.spec().doc().description())).append("</p><p class=\"muted\">Layer ")
                .append(t.layer()).append(" &middot; owner ").append(esc(t.owner())).append(" &middot; <code>")
                .append(esc(t.location().path())).append("</code></p>");
        body.append(trust(model, t, status));
        body.append("<h2>Grain and keys</h2><p>").append(esc(t.spec().doc().grain().isEmpty() ? "not documented"
                : t.spec().doc().grain())).append("; key ").append(t.spec().doc().keys().isEmpty() ? "none"
                : t.spec().doc().keys().stream().map(k -> "<code>" + esc(k) + "</code>")
                .collect(Collectors.joining(", "))).append("</p>");
        if (!t.contracts().isEmpty()) {
            body.append("<h2>Contract</h2><table id=\"contract\"><tr><th>event type</th><th>versions</th></tr>");
            t.contracts().forEach((type, versions) -> body.append("<tr><td>").append(esc(type)).append("</td><td>")
                    .append(versions.stream().map(v -> "v" + v).collect(Collectors.joining(", ")))
                    .append("</td></tr>"));
            body.append("</table>");
        }
        body.append("<h2>Columns</h2><table id=\"columns\"><tr><th>column</th><th>type</th><th>nullable</th>"
                + "<th>layout</th></tr>");
        for (StructField field : t.spec().schema().fields()) {
            List<String> roles = new ArrayList<>();
            if (t.spec().layout().partitionColumns().contains(field.name())) {
                roles.add("partition");
            }
            if (t.spec().layout().zOrder().contains(field.name())) {
                roles.add("z-order");
            }
            if (t.spec().doc().keys().contains(field.name())) {
                roles.add("key");
            }
            if (t.spec().eventTime().equals(field.name())) {
                roles.add("event time");
            }
            body.append("<tr><td><code>").append(esc(field.name())).append("</code></td><td>")
                    .append(esc(field.dataType().simpleString())).append("</td><td>").append(field.nullable()
                            ? "yes" : "no").append("</td><td>").append(String.join(", ", roles)).append("</td></tr>");
        }
        body.append("</table>");
        body.append("<h2>Files and partitions</h2>").append(files(t));
        body.append("<h2>Versions</h2>").append(versions(t.versions()));
        body.append("<h2>Quality rules</h2>").append(rules(t));
        if (!t.quarantine().isEmpty()) {
            body.append("<h2>Quarantine by reason over time</h2>").append(quarantine(t.quarantine()));
        }
        body.append("<h2>Where it comes from</h2>").append(lineage(model.lineage(), model, name));
        return page(name + " - eventlake catalog", body.toString());
    }

    /** The answer to "can I trust it today?": freshness, the latest verdicts, the last run. */
    private static String trust(CatalogModel model, CatalogModel.TablePage t, Optional<LakeStatus.TableStatus> s) {
        boolean stale = s.map(LakeStatus.TableStatus::stale).orElse(false);
        long failed = t.rules().stream().filter(r -> !"passed".equals(r.verdict())).count();
        Optional<LakeStatus.LastRun> run = model.status().runs().stream()
                .filter(r -> r.job().equals(t.location().name())).findFirst();
        boolean runFailed = run.map(r -> !"succeeded".equals(r.status())).orElse(false);
        boolean exists = s.flatMap(LakeStatus.TableStatus::version).isPresent();
        boolean good = exists && !stale && failed == 0 && !runFailed;
        StringBuilder out = new StringBuilder("<div id=\"trust\" class=\"trust " + (good ? "good" : "doubt")
                + "\"><strong>" + (good ? "Trustworthy today" : exists ? "Look closer before you use it"
                : "Not created yet") + "</strong><ul>");
        out.append("<li>Freshness: ").append(freshness(s)).append("</li>");
        s.flatMap(LakeStatus.TableStatus::committedAt).ifPresent(at -> out.append("<li>Newest version ")
                .append(s.get().version().orElseThrow()).append(", committed ").append(TIME.format(at))
                .append(" UTC</li>"));
        out.append("<li>Quality: ").append(t.rules().isEmpty() ? "no rules guard this table"
                : failed == 0 ? "<span class=\"ok\">all " + t.rules().size() + " rules passed their last check</span>"
                : "<span class=\"bad\">" + failed + " of " + t.rules().size() + " rules did not pass their last "
                + "check</span>").append("</li>");
        run.ifPresent(r -> out.append("<li>Last run: ").append(esc(r.runId())).append(" (").append(esc(r.command()))
                .append(") <span class=\"").append("succeeded".equals(r.status()) ? "ok" : "bad").append("\">")
                .append(esc(r.status())).append("</span> at ").append(TIME.format(r.endedAt())).append(" UTC")
                .append(r.error().map(e -> ": " + esc(e)).orElse("")).append("</li>"));
        return out.append("</ul></div>").toString();
    }

    private static String files(CatalogModel.TablePage t) {
        if (t.files().isEmpty()) {
            return "<p>Not created yet.</p>";
        }
        TableFiles files = t.files().get();
        return "<p id=\"files\">" + files.files().size() + " data files, " + size(files.bytes()) + ", in "
                + files.filesPerPartition().size() + (t.spec().layout().partitionColumns().isEmpty() ? " (unpartitioned)"
                : " partitions by " + String.join(", ", t.spec().layout().partitionColumns())) + "; version "
                + files.version() + ". <span class=\"muted\">Compacted and vacuumed by <code>./lake maintain</code>"
                + (t.spec().layout().zOrder().isEmpty() ? "" : ", z-ordered by " + String.join(", ",
                t.spec().layout().zOrder())) + ".</span></p>";
    }

    private static String versions(List<TableHistory.Entry> entries) {
        if (entries.isEmpty()) {
            return "<p>No versions yet.</p>";
        }
        StringBuilder out = new StringBuilder("<table id=\"versions\"><tr><th>version</th><th>time (UTC)</th>"
                + "<th>operation</th><th>run</th><th>rows changed</th><th>gate</th></tr>");
        for (TableHistory.Entry e : entries) {
            out.append("<tr><td>").append(e.version()).append("</td><td>").append(TIME.format(e.time().toInstant()))
                    .append("</td><td>").append(esc(e.operation())).append("</td><td>").append(esc(e.run()))
                    .append("</td><td>").append(e.rows()).append("</td><td>").append(esc(e.gate())).append("</td></tr>");
        }
        return out.append("</table>").toString();
    }

    private static String rules(CatalogModel.TablePage t) {
        if (t.rules().isEmpty()) {
            return "<p>No quality rules guard this table (<code>conf/quality/" + esc(t.location().name())
                    + ".conf</code> would).</p>";
        }
        StringBuilder out = new StringBuilder("<table id=\"rules\"><tr><th>rule</th><th>level</th><th>requires</th>"
                + "<th>latest value</th><th>latest verdict</th><th>checked</th></tr>");
        for (CatalogModel.Rule r : t.rules()) {
            out.append("<tr><td>").append(esc(r.rule())).append("</td><td>").append(esc(r.level())).append("</td><td>")
                    .append(esc(r.requirement())).append("</td><td>").append(r.value() == null ? "-"
                            : String.format("%.4g", r.value())).append("</td><td class=\"")
                    .append("passed".equals(r.verdict()) ? "ok" : "bad").append("\">").append(esc(r.verdict()))
                    .append("</td><td>v").append(r.tableVersion()).append(", ").append(TIME.format(r.checkedAt()))
                    .append("</td></tr>");
        }
        out.append("</table>");
        t.metrics().forEach((rule, points) -> out.append("<h3>").append(esc(rule)).append("</h3>")
                .append(chart(rule, points)));
        return out.toString();
    }

    /** A rule's metric over its checks: an SVG line with the value range and the first and last times. */
    static String chart(String name, List<CatalogModel.Point> points) {
        int width = 560;
        int height = 150;
        double min = points.stream().mapToDouble(CatalogModel.Point::value).min().orElse(0);
        double max = points.stream().mapToDouble(CatalogModel.Point::value).max().orElse(1);
        double span = max - min == 0 ? Math.max(1, Math.abs(max)) : max - min;
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            double x = 50 + (points.size() == 1 ? (width - 70) / 2.0 : i * (width - 70.0) / (points.size() - 1));
            double y = 15 + (height - 45) * (1 - (points.get(i).value() - min) / span);
            line.append(String.format("%.1f,%.1f ", x, y));
            dots.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%s: %.6g</title></circle>",
                    x, y, TIME.format(points.get(i).at()), points.get(i).value()));
        }
        return "<svg class=\"chart\" data-rule=\"" + esc(name) + "\" width=\"" + width + "\" height=\"" + height
                + "\" role=\"img\" aria-label=\"" + esc(name) + " over " + points.size() + " checks\">"
                + "<line class=\"axis\" x1=\"50\" y1=\"" + (height - 30) + "\" x2=\"" + (width - 20) + "\" y2=\""
                + (height - 30) + "\"/><line class=\"axis\" x1=\"50\" y1=\"15\" x2=\"50\" y2=\"" + (height - 30)
                + "\"/>" + String.format("<text x=\"4\" y=\"19\">%.4g</text><text x=\"4\" y=\"%d\">%.4g</text>", max,
                height - 30, min) + "<text x=\"50\" y=\"" + (height - 12) + "\">"
                + (points.isEmpty() ? "" : TIME.format(points.get(0).at())) + "</text><text x=\"" + (width - 150)
                + "\" y=\"" + (height - 12) + "\">" + (points.isEmpty() ? "" : TIME.format(points.get(points.size()
                - 1).at())) + "</text><polyline points=\"" + line.toString().trim() + "\"/>" + dots + "</svg>";
    }

    private static String quarantine(List<CatalogModel.QuarantineCount> counts) {
        Map<String, Map<String, Long>> byDay = new TreeMap<>();
        Set<String> reasons = new java.util.TreeSet<>();
        for (CatalogModel.QuarantineCount c : counts) {
            byDay.computeIfAbsent(c.day().toString(), d -> new TreeMap<>()).merge(c.reason(), c.count(), Long::sum);
            reasons.add(c.reason());
        }
        StringBuilder out = new StringBuilder("<table id=\"quarantine\"><tr><th>day</th>");
        reasons.forEach(r -> out.append("<th>").append(esc(r)).append("</th>"));
        out.append("</tr>");
        byDay.forEach((day, perReason) -> {
            out.append("<tr><td>").append(day).append("</td>");
            reasons.forEach(r -> out.append("<td>").append(perReason.getOrDefault(r, 0L)).append("</td>"));
            out.append("</tr>");
        });
        out.append("</table>");
        List<CatalogModel.Point> totals = new ArrayList<>();
        byDay.forEach((day, perReason) -> totals.add(new CatalogModel.Point(java.time.LocalDate.parse(day)
                .atStartOfDay(ZoneOffset.UTC).toInstant(), perReason.values().stream().mapToLong(Long::longValue)
                .sum())));
        return out + "<p class=\"muted\">Records quarantined per day, all reasons:</p>" + chart("quarantined", totals);
    }

    /**
     * The lineage graph as SVG: one column per layer (Kafka topics first), an edge per recorded input. With
     * {@code here}, the table and everything upstream of it are highlighted.
     */
    static String lineage(CatalogModel.Lineage lineage, CatalogModel model, String here) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        COLUMNS.forEach(c -> columns.put(c, new ArrayList<>()));
        lineage.topics().forEach(topic -> columns.get("kafka").add(CatalogModel.Lineage.topicNode(topic)));
        for (CatalogModel.TablePage t : model.tables()) {
            columns.get(t.layer()).add(t.location().name());
        }
        Set<String> linked = new java.util.HashSet<>();
        lineage.edges().forEach(e -> {
            linked.add(e.from());
            linked.add(e.to());
        });
        columns.replaceAll((column, nodes) -> nodes.stream().filter(n -> column.equals("kafka") || linked.contains(n)
                || n.equals(here)).toList());
        Map<String, double[]> at = new LinkedHashMap<>();
        int x = 10;
        int rows = 1;
        for (Map.Entry<String, List<String>> column : columns.entrySet()) {
            int y = 30;
            for (String node : column.getValue()) {
                at.put(node, new double[] {x, y});
                y += 34;
            }
            rows = Math.max(rows, column.getValue().size());
            x += 215;
        }
        Set<String> upstream = here == null ? Set.of() : lineage.upstreamOf(here);
        StringBuilder svg = new StringBuilder("<svg id=\"lineage\" width=\"" + x + "\" height=\"" + (40 + rows * 34)
                + "\" role=\"img\" aria-label=\"lineage from Kafka topics to gold tables\">");
        int col = 0;
        for (String column : columns.keySet()) {
            svg.append("<text x=\"").append(10 + col++ * 215).append("\" y=\"16\" font-weight=\"bold\">")
                    .append(column).append("</text>");
        }
        for (CatalogModel.Edge edge : lineage.edges()) {
            double[] from = at.get(edge.from());
            double[] to = at.get(edge.to());
            if (from == null || to == null) {
                continue;
            }
            boolean up = upstream.contains(edge.from()) && upstream.contains(edge.to());
            double x1 = from[0] + 180;
            double y1 = from[1] + 12;
            double x2 = to[0];
            double y2 = to[1] + 12;
            svg.append(String.format("<path class=\"edge%s\" data-from=\"%s\" data-to=\"%s\" d=\"M%.0f,%.0f C%.0f,"
                            + "%.0f %.0f,%.0f %.0f,%.0f\"/>", up ? " up" : "", esc(edge.from()), esc(edge.to()), x1,
                    y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2, x2, y2));
        }
        for (Map.Entry<String, double[]> node : at.entrySet()) {
            String name = node.getKey();
            String css = name.equals(here) ? " here" : upstream.contains(name) ? " up" : "";
            String label = name.startsWith("kafka:") ? "topic " + name.substring(6) : name;
            String box = String.format("<g class=\"node%s\" data-node=\"%s\"><rect x=\"%.0f\" y=\"%.0f\" width=\"180\" "
                    + "height=\"24\" rx=\"4\"/><text x=\"%.0f\" y=\"%.0f\">%s</text></g>", css, esc(name),
                    node.getValue()[0], node.getValue()[1], node.getValue()[0] + 6, node.getValue()[1] + 16, esc(label));
            svg.append(name.startsWith("kafka:") ? box : "<a href=\"" + esc(name) + ".html\">" + box + "</a>");
        }
        return svg.append("</svg>").toString();
    }

    private static Optional<LakeStatus.TableStatus> status(CatalogModel model, CatalogModel.TablePage t) {
        return model.status().tables().stream().filter(s -> s.name().equals(t.location().name())).findFirst();
    }

    private static String freshness(Optional<LakeStatus.TableStatus> status) {
        if (status.isEmpty() || status.get().version().isEmpty()) {
            return "<span class=\"muted\">not created yet</span>";
        }
        LakeStatus.TableStatus s = status.get();
        if (s.behind().isEmpty()) {
            return "<span class=\"muted\">no event time</span>";
        }
        return s.stale() ? "<span class=\"bad\">STALE: " + human(s.behind().get()) + " behind</span>"
                : "<span class=\"ok\">" + human(s.behind().get()) + " behind</span>";
    }

    private static String quality(CatalogModel.TablePage t) {
        if (t.rules().isEmpty()) {
            return "<span class=\"muted\">no rules</span>";
        }
        long failed = t.rules().stream().filter(r -> !"passed".equals(r.verdict())).count();
        return failed == 0 ? "<span class=\"ok\">" + t.rules().size() + " rules passed</span>"
                : "<span class=\"bad\">" + failed + " of " + t.rules().size() + " failed</span>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title><style>"
                + STYLE + "</style></head><body>" + body + "<p class=\"muted\">Written by <code>./lake catalog</code>."
                + "</p></body></html>\n";
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s < 86400 ? s / 3600 + "h " + s % 3600 / 60 + "m"
                : s / 86400 + "d " + s % 86400 / 3600 + "h";
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / 1024.0 / 1024.0);
    }

    /** Text for HTML (element content and attribute values). */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
