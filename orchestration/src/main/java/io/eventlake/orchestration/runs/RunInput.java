package io.eventlake.orchestration.runs;

/**
 * What a job read.
 *
 * @param source a table name or the Kafka topics
 * @param kind   {@code table}, {@code kafka}, or {@code event-time} (rows of a table by event time: a backfill's)
 * @param from   first version read, the first instant of an event-time range, or the Kafka offsets JSON started from ({@code earliest} on a new checkpoint)
 * @param to     version read up to, the instant an event-time range ends before, or the Kafka offsets JSON ended at
 */
public record RunInput(String source, String kind, String from, String to) {
    public static final String TABLE = "table";
    public static final String KAFKA = "kafka";
    public static final String EVENT_TIME = "event-time";
}
