package io.eventlake.orchestration.runs;

/**
 * A table a job wrote.
 *
 * @param table  the table name
 * @param before its version before the job's first commit
 * @param after  its version after the job's last commit
 */
public record RunOutput(String table, long before, long after) {
}
