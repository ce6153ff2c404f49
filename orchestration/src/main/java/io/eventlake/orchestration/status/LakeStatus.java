package io.eventlake.orchestration.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lake at one moment, as {@code lake status} shows it (read by {@link LakeStatusReader}, printed by
 * {@link StatusReport}).
 *
 * @param root       the lake root
 * @param at         when it was read
 * @param staleAfter how far behind the newest event a table may be before it is stale
 * @param newest     the newest event time in bronze (what the other tables are compared with); empty before any
 * @param tables     every table, in the layers' order
 * @param lag        bronze's Kafka lag per topic-partition, or why it is unknown
 * @param runs       the last run of each job
 * @param quarantine the quarantined records, by quarantine table, then by reason
 */
public record LakeStatus(String root, Instant at, Duration staleAfter, Optional<Instant> newest,
                         List<TableStatus> tables, KafkaLag lag, List<LastRun> runs,
                         Map<String, Map<String, Long>> quarantine) {
    public LakeStatus {
        tables = List.copyOf(tables);
        runs = List.copyOf(runs);
        quarantine = Map.copyOf(quarantine);
    }

    /**
     * One table.
     *
     * @param name        {@code database.table}
     * @param version     its newest version; empty when it does not exist yet
     * @param committedAt when that version was committed
     * @param newestEvent its newest event time (a date column counts as the end of its day); empty when it has
     *                    no event-time column or no rows
     * @param behind      how far {@code newestEvent} is behind the lake's newest event; empty when unknown
     * @param stale       whether {@code behind} exceeds the lake's {@code staleAfter}
     */
    public record TableStatus(String name, Optional<Long> version, Optional<Instant> committedAt,
                              Optional<Instant> newestEvent, Optional<Duration> behind, boolean stale) {
    }

    /**
     * Bronze's Kafka lag: per topic-partition, the end offset against what bronze's checkpoint committed.
     *
     * @param partitions the partitions' lag; empty when unknown
     * @param unknown    why it is unknown (no checkpoint yet, broker unreachable); empty when known
     */
    public record KafkaLag(List<PartitionLag> partitions, Optional<String> unknown) {
        public KafkaLag {
            partitions = List.copyOf(partitions);
        }

        /** Records on the topics bronze has not committed yet. */
        public long total() {
            return partitions.stream().mapToLong(PartitionLag::lag).sum();
        }
    }

    /** One topic-partition: bronze's committed offset, the topic's end offset, and the records in between. */
    public record PartitionLag(String topic, int partition, long committed, long end) {
        public long lag() {
            return Math.max(0, end - committed);
        }
    }

    /**
     * The last run of one job.
     *
     * @param job     the job, e.g. {@code silver.orders} or {@code maintain}
     * @param command the command that ran it
     * @param runId   the run's id
     * @param status  {@code succeeded} or {@code failed}
     * @param endedAt when it ended
     * @param error   the failure's message, when it failed
     */
    public record LastRun(String job, String command, String runId, String status, Instant endedAt,
                          Optional<String> error) {
    }
}
