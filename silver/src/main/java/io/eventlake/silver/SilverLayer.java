package io.eventlake.silver;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.silver.customer.SilverCustomersCurrentJob;
import io.eventlake.silver.customer.SilverCustomersJob;
import io.eventlake.silver.fact.SilverInventoryMovementsJob;
import io.eventlake.silver.fact.SilverOrderLinesJob;
import io.eventlake.silver.fact.SilverOrdersJob;
import io.eventlake.silver.fact.SilverPaymentsJob;
import io.eventlake.silver.fact.SilverReturnsJob;
import java.util.ArrayList;
import io.eventlake.silver.customer.SilverCustomersCurrentTable;
import io.eventlake.silver.customer.SilverCustomersTable;
import io.eventlake.silver.fact.SilverInventoryMovementsTable;
import io.eventlake.silver.fact.SilverOrderLinesTable;
import io.eventlake.silver.fact.SilverOrdersTable;
import io.eventlake.silver.fact.SilverPaymentsTable;
import io.eventlake.silver.fact.SilverReturnsTable;
import io.eventlake.table.TableSpec;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Silver's jobs, one per table, run together: the five fact tables, customer history and current customers.
 * Each reads {@code bronze.events} as its own Delta stream with its own checkpoint, so each resumes on its own.
 */
public final class SilverLayer {
    /** One silver job and the table it writes. */
    private record Entry(TableSpec table, Function<SilverContext, SilverJob> job) {
    }

    /** Silver's jobs: a new silver table is one line here (its spec and its job). */
    private static final List<Entry> JOBS = List.of(
            new Entry(SilverOrdersTable.SPEC, SilverOrdersJob::new),
            new Entry(SilverOrderLinesTable.SPEC, SilverOrderLinesJob::new),
            new Entry(SilverPaymentsTable.SPEC, SilverPaymentsJob::new),
            new Entry(SilverReturnsTable.SPEC, SilverReturnsJob::new),
            new Entry(SilverInventoryMovementsTable.SPEC, SilverInventoryMovementsJob::new),
            new Entry(SilverCustomersTable.SPEC, SilverCustomersJob::new),
            new Entry(SilverCustomersCurrentTable.SPEC, SilverCustomersCurrentJob::new));

    /** Every table silver writes, for the lake's catalog: each job's, then the quarantine. */
    public static final List<TableSpec> TABLES = java.util.stream.Stream.concat(JOBS.stream().map(Entry::table),
            java.util.stream.Stream.of(SilverQuarantineTable.SPEC)).toList();

    /** The tables silver's quality gates guard (every job's; the quarantine has none). */
    public static final List<TableSpec> GUARDED = JOBS.stream().map(Entry::table).toList();

    private final SilverContext context;
    private final List<SilverJob> jobs;

    public SilverLayer(SilverContext context) {
        this.context = context;
        this.jobs = JOBS.stream().map(entry -> entry.job().apply(context)).toList();
    }

    /** What the jobs are built with: contracts, tokenizer, gates (the fast path applies the same). */
    public SilverContext context() {
        return context;
    }

    public List<SilverJob> jobs() {
        return jobs;
    }

    /** Starts every job on what bronze holds now and returns when all are done. */
    public void runAvailableNow(SparkSession spark) {
        List<StreamingQuery> queries = start(spark, StreamMode.AVAILABLE_NOW);
        try {
            for (int i = 0; i < jobs.size(); i++) {
                Queries.await(queries.get(i), jobs.get(i).name(), context.settings().checkpoint(jobs.get(i).name()));
            }
        } finally {
            Queries.stopAll(queries);
        }
    }

    /** Starts every job; they run until stopped. */
    public List<StreamingQuery> startContinuous(SparkSession spark) {
        return start(spark, StreamMode.CONTINUOUS);
    }

    private List<StreamingQuery> start(SparkSession spark, StreamMode mode) {
        List<StreamingQuery> queries = new ArrayList<>();
        try {
            for (SilverJob job : jobs) {
                queries.add(job.start(spark, mode));
            }
        } catch (RuntimeException e) {
            Queries.stopAll(queries);
            throw e;
        }
        return queries;
    }

    /** Blocks until one query ends, then stops the others; a failure becomes a {@code STREAM_FAILED} error. */
    public void awaitAny(List<StreamingQuery> queries) {
        Queries.awaitAny(queries, context.settings()::checkpoint);
    }

    /** What each job did in this run, by job name. */
    public SilverRunMetrics metrics() {
        return context.metrics();
    }
}
