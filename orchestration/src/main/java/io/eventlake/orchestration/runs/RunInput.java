package io.eventlake.orchestration.runs;

/**
 * What a job read.
 *
 * @param source a table name or the Kafka topics
 * @param kind   {@code table} or {@code kafka}
 * @param from   first version read, or the Kafka offsets JSON started from ({@code earliest} on a new checkpoint)
 * @param to     version read up to, or the Kafka offsets JSON ended at
 */
public record RunInput(String source, String kind, String from, String to) {
    public static final String TABLE = "table";
    public static final String KAFKA = "kafka";
}
