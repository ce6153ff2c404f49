package io.eventlake.orchestration.sql;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * A Spark session extension that makes every SQL statement of a session read-only, as {@link ReadOnlySql} defines
 * it: the statement's parsed plan is checked before anything runs, and its analyzed plan again. The SQL endpoint
 * runs with it ({@code lake sql-server}); on a cluster add it to a Thrift server of your own with
 * {@code spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension,} {@value #CLASS_NAME}.
 *
 * <p>eventlake's own statements in such a session (registering the lake's tables by path) run through
 * {@link #asOwner}, on the calling thread only; queries from clients never do.
 */
public final class ReadOnlySqlExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
    /** This class's name, for {@code spark.sql.extensions}. */
    public static final String CLASS_NAME = "io.eventlake.orchestration.sql.ReadOnlySqlExtension";
    /** The local property marking a thread's statements as eventlake's own. */
    static final String OWNER_PROPERTY = "eventlake.sql.owner";
    /** The statement being parsed on this thread, for the message when its analyzed plan is refused. */
    private static final ThreadLocal<String> STATEMENT = new ThreadLocal<>();

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        extensions.injectParser((session, delegate) -> new ReadOnlyParser(session, delegate));
        extensions.injectCheckRule(session -> new AbstractFunction1<LogicalPlan, BoxedUnit>() {
            @Override
            public BoxedUnit apply(LogicalPlan analyzed) {
                if (!isOwner(session)) {
                    String sql = STATEMENT.get();
                    ReadOnlySql.requireReading(sql == null ? analyzed.nodeName() : sql, analyzed);
                }
                return BoxedUnit.UNIT;
            }
        });
        return BoxedUnit.UNIT;
    }

    /** Runs {@code work} as eventlake's own statements on this thread (they may create, register, write). */
    public static <T> T asOwner(SparkSession spark, Supplier<T> work) {
        String before = spark.sparkContext().getLocalProperty(OWNER_PROPERTY);
        spark.sparkContext().setLocalProperty(OWNER_PROPERTY, "true");
        try {
            return work.get();
        } finally {
            spark.sparkContext().setLocalProperty(OWNER_PROPERTY, before);
        }
    }

    private static boolean isOwner(SparkSession session) {
        return "true".equals(session.sparkContext().getLocalProperty(OWNER_PROPERTY));
    }

    /** Spark's parser (with Delta's), refusing plans that would write. */
    private static final class ReadOnlyParser implements ParserInterface {
        private final SparkSession session;
        private final ParserInterface delegate;

        ReadOnlyParser(SparkSession session, ParserInterface delegate) {
            this.session = session;
            this.delegate = delegate;
        }

        @Override
        public LogicalPlan parsePlan(String sql) throws ParseException {
            LogicalPlan plan = delegate.parsePlan(sql);
            if (!isOwner(session)) {
                STATEMENT.set(sql);
                ReadOnlySql.requireReading(sql, plan);
            }
            return plan;
        }

        @Override
        public Expression parseExpression(String sql) throws ParseException {
            return delegate.parseExpression(sql);
        }

        @Override
        public TableIdentifier parseTableIdentifier(String sql) throws ParseException {
            return delegate.parseTableIdentifier(sql);
        }

        @Override
        public FunctionIdentifier parseFunctionIdentifier(String sql) throws ParseException {
            return delegate.parseFunctionIdentifier(sql);
        }

        @Override
        public Seq<String> parseMultipartIdentifier(String sql) throws ParseException {
            return delegate.parseMultipartIdentifier(sql);
        }

        @Override
        public LogicalPlan parseQuery(String sql) throws ParseException {
            return delegate.parseQuery(sql);
        }

        @Override
        public StructType parseTableSchema(String sql) throws ParseException {
            return delegate.parseTableSchema(sql);
        }

        @Override
        public DataType parseDataType(String sql) throws ParseException {
            return delegate.parseDataType(sql);
        }
    }
}
