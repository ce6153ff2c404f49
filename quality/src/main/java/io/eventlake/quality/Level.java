package io.eventlake.quality;

/** What a failed rule does to the write it guards. */
public enum Level {
    /** Record the verdict and carry on. */
    WARN,
    /** Row-level rule: failing rows go to quarantine with the rule's name, good rows go on. */
    QUARANTINE,
    /** Stop the write and fail the job, naming the table, rule, metric and threshold. */
    BLOCK
}
