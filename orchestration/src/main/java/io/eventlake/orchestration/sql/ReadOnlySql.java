package io.eventlake.orchestration.sql;

import io.eventlake.errors.LakeErrors;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.CloneTableStatement;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeNamespace;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.RestoreTableStatement;
import org.apache.spark.sql.catalyst.plans.logical.SetCatalogAndNamespace;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowCreateTable;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowNamespaces;
import org.apache.spark.sql.catalyst.plans.logical.ShowPartitions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTableProperties;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.delta.commands.DescribeDeltaDetailCommand;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistory;
import org.apache.spark.sql.delta.commands.DescribeDeltaHistoryCommand;
import org.apache.spark.sql.delta.commands.ShowDeltaTableColumnsCommand;
import org.apache.spark.sql.execution.command.DescribeColumnCommand;
import org.apache.spark.sql.execution.command.DescribeDatabaseCommand;
import org.apache.spark.sql.execution.command.DescribeFunctionCommand;
import org.apache.spark.sql.execution.command.DescribeTableCommand;
import org.apache.spark.sql.execution.command.ShowColumnsCommand;
import org.apache.spark.sql.execution.command.ShowCreateTableCommand;
import org.apache.spark.sql.execution.command.ShowFunctionsCommand;
import org.apache.spark.sql.execution.command.ShowPartitionsCommand;
import org.apache.spark.sql.execution.command.ShowTablePropertiesCommand;
import org.apache.spark.sql.execution.command.ShowTablesCommand;
import org.apache.spark.sql.execution.command.ShowViewsCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.collection.JavaConverters;

/**
 * The one check that SQL from a person or a BI tool only reads the lake: a statement is parsed (never run) and
 * allowed when every node of its plan is a query, or one of the reading commands ({@code DESCRIBE [HISTORY|DETAIL]},
 * {@code SHOW ...}, {@code EXPLAIN}, {@code SET}, {@code USE}). Everything else (INSERT, MERGE, DELETE, UPDATE, DROP,
 * CREATE, ALTER, OPTIMIZE, VACUUM, RESTORE, CLONE, CACHE, ADD JAR, INSERT ... DIRECTORY, ...) is refused before
 * anything runs. {@link LakeSql} checks the analyzed plan again, so a statement that only becomes a command when
 * resolved is refused too.
 */
public final class ReadOnlySql {
    private static final List<Class<?>> READING_COMMANDS = List.of(DescribeRelation.class, DescribeColumn.class,
            DescribeNamespace.class, DescribeFunction.class, DescribeDeltaHistory.class,
            DescribeDeltaDetailCommand.class, ShowTables.class, ShowViews.class, ShowNamespaces.class,
            ShowColumns.class, ShowTableProperties.class, ShowCreateTable.class, ShowPartitions.class,
            ShowFunctions.class, ExplainCommand.class, SetCommand.class, SetCatalogAndNamespace.class,
            // the same, as the analyzer resolves them against the session catalog
            DescribeDeltaHistoryCommand.class, DescribeTableCommand.class, DescribeColumnCommand.class,
            DescribeDatabaseCommand.class, DescribeFunctionCommand.class, ShowTablesCommand.class,
            ShowViewsCommand.class, ShowColumnsCommand.class,
            ShowTablePropertiesCommand.class, ShowCreateTableCommand.class, ShowPartitionsCommand.class,
            ShowFunctionsCommand.class, ShowDeltaTableColumnsCommand.class);

    /** Statements that write without being a {@code Command} (Delta's RESTORE and CLONE, INSERT ... DIRECTORY). */
    private static final List<Class<?>> WRITING_STATEMENTS = List.of(RestoreTableStatement.class,
            CloneTableStatement.class, InsertIntoDir.class);

    private ReadOnlySql() {
    }

    /**
     * The parsed plan of {@code sql} when it only reads.
     *
     * @throws io.eventlake.errors.LakeException {@code SQL_INVALID} when it does not parse, {@code SQL_WRITE_REFUSED}
     *     when it would write, drop or change anything
     */
    public static LogicalPlan check(SparkSession spark, String sql) {
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw LakeErrors.sqlInvalid(sql, "It does not parse: " + e.getMessage().lines().findFirst().orElse(""));
        }
        requireReading(sql, plan);
        return plan;
    }

    /**
     * Refuses {@code plan} (parsed or analyzed) when any node of it would write: a command that is not one of the
     * reading ones, or a writing statement.
     */
    public static void requireReading(String sql, LogicalPlan plan) {
        Deque<LogicalPlan> nodes = new ArrayDeque<>(List.of(plan));
        while (!nodes.isEmpty()) {
            LogicalPlan node = nodes.pop();
            boolean statement = node instanceof Command || node instanceof ParsedStatement;
            if (statement && READING_COMMANDS.stream().noneMatch(type -> type.isInstance(node))
                    || WRITING_STATEMENTS.stream().anyMatch(type -> type.isInstance(node))) {
                throw LakeErrors.sqlWriteRefused(sql, node.nodeName());
            }
            JavaConverters.seqAsJavaList(node.children()).forEach(nodes::push);
            JavaConverters.seqAsJavaList(node.innerChildren()).forEach(inner -> {
                if (inner instanceof LogicalPlan child) {
                    nodes.push(child);
                }
            });
        }
    }
}
