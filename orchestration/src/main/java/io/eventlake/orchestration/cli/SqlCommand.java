package io.eventlake.orchestration.cli;

import io.eventlake.orchestration.sql.LakeSql;
import io.eventlake.orchestration.sql.QueryResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lake sql "<query>"}: one read-only query over the lake's tables by name, printed for a terminal. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run one read-only SQL query over the lake's tables by name (SELECT with VERSION AS OF / "
                + "TIMESTAMP AS OF, DESCRIBE, DESCRIBE HISTORY, SHOW) and print the result; statements that would "
                + "write are refused.")
final class SqlCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private CommandContext context;

    @Parameters(index = "0", paramLabel = "<query>",
            description = "e.g. \"SELECT store_id, sum(net_revenue) FROM gold.daily_store_sales GROUP BY 1\"")
    private String query;

    @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
            description = "table (aligned, default), csv (with a header) or json (one object per line).")
    private String format;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
    private int maxRows;

    @Override
    public Integer call() {
        QueryResult.Format chosen = switch (format) {
            case "table" -> QueryResult.Format.TABLE;
            case "csv" -> QueryResult.Format.CSV;
            case "json" -> QueryResult.Format.JSON;
            default -> throw io.eventlake.errors.LakeErrors.optionInvalid("--format", format, "table, csv or json",
                    Options.retyped(spec, "--format", "table"));
        };
        int rows = (int) Options.positive(spec, "--max-rows", maxRows);
        LakeSql sql = new LakeSql(context.session(), context.settings().catalog());
        PrintWriter out = context.out();
        out.print(QueryResult.of(sql.query(query), rows, chosen).render(chosen));
        out.flush();
        return LakeCommand.OK;
    }
}
