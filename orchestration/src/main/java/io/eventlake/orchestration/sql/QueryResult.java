package io.eventlake.orchestration.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The first rows of a query's result as text, in the form a person at a terminal asks for ({@link Format}). Values
 * are Spark's own string forms (timestamps in the session's time zone, UTC); NULL is {@code NULL} in a table and
 * empty in CSV.
 *
 * @param columns   the column names
 * @param rows      the values, as strings (null for NULL)
 * @param json      the same rows as JSON objects (Spark's {@code to_json} forms), for {@link Format#JSON}
 * @param truncated whether the result had more rows than were taken
 */
public record QueryResult(List<String> columns, List<List<String>> rows, List<String> json, boolean truncated) {

    /** How a result is printed. */
    public enum Format {
        TABLE, CSV, JSON;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** At most {@code maxRows} rows of {@code result} (one Spark job for the rows, one for the JSON when asked). */
    public static QueryResult of(Dataset<Row> result, int maxRows, Format format) {
        List<String> columns = List.of(result.columns());
        Dataset<Row> limited = result.limit(maxRows + 1);
        List<List<String>> rows = new ArrayList<>();
        List<String> json = new ArrayList<>();
        if (format == Format.JSON) {
            json.addAll(limited.toJSON().collectAsList());
        } else {
            Column[] asText = columns.stream().map(c -> functions.col("`" + c.replace("`", "``") + "`")
                    .cast("string")).toArray(Column[]::new);
            for (Row row : limited.select(asText).collectAsList()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.length(); i++) {
                    values.add(row.isNullAt(i) ? null : row.getString(i));
                }
                rows.add(values);
            }
        }
        boolean truncated = Math.max(rows.size(), json.size()) > maxRows;
        return new QueryResult(columns, truncated && !rows.isEmpty() ? rows.subList(0, maxRows) : rows,
                truncated && !json.isEmpty() ? json.subList(0, maxRows) : json, truncated);
    }

    /** The result in {@code format}, ending with a newline. */
    public String render(Format format) {
        return switch (format) {
            case TABLE -> table();
            case CSV -> csv();
            case JSON -> String.join("\n", json) + (json.isEmpty() ? "" : "\n");
        };
    }

    private String table() {
        int[] widths = columns.stream().mapToInt(String::length).toArray();
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], shown(row.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, columns, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append(rule.toString().stripTrailing()).append('\n');
        rows.forEach(row -> line(out, row.stream().map(QueryResult::shown).toList(), widths));
        out.append(truncated ? "(first " + rows.size() + " rows; more with --max-rows)\n"
                : "(" + rows.size() + (rows.size() == 1 ? " row)\n" : " rows)\n"));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + Math.max(1, widths[i]) + "s", values.get(i)));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String shown(String value) {
        return value == null ? "NULL" : value.replace("\n", "\\n");
    }

    private String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", columns.stream().map(QueryResult::quoted).toList())).append('\n');
        for (List<String> row : rows) {
            out.append(String.join(",", row.stream().map(v -> v == null ? "" : quoted(v)).toList())).append('\n');
        }
        return out.toString();
    }

    private static String quoted(String value) {
        boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
