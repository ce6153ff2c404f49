package io.eventlake.orchestration.cli;

import io.eventlake.stream.Queries;
import io.eventlake.stream.StreamMode;
import io.eventlake.gold.inventory.InventoryPositionsJob;
import io.eventlake.gold.inventory.KafkaAlertSink;
import io.eventlake.orchestration.config.LakeSettings;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/** Wires the operational path: the inventory job with alerts to the configured Kafka topic. */
final class Inventory {
    private Inventory() {
    }

    /** The job, its alerts going to {@code sink}. */
    static InventoryPositionsJob job(LakeSettings settings, KafkaAlertSink sink) {
        return new InventoryPositionsJob(settings.gold(), settings.inventory(), sink,
                settings.silver().checkpoint(InventoryPositionsJob.NAME), settings.silver().triggerInterval());
    }

    /** Brings the positions up to date with silver and returns a line saying what it raised. */
    static String runAvailableNow(SparkSession spark, LakeSettings settings) {
        try (KafkaAlertSink sink = new KafkaAlertSink(settings.inventory())) {
            InventoryPositionsJob job = job(settings, sink);
            StreamingQuery query = job.start(spark, StreamMode.AVAILABLE_NOW);
            Queries.await(query, InventoryPositionsJob.NAME, settings.silver().checkpoint(InventoryPositionsJob.NAME));
            return String.format("%s: %d low-stock alerts raised (table %s, topic %s on %s)",
                    InventoryPositionsJob.NAME, job.alertsRaised(), settings.gold().tables().inventoryAlerts().name(),
                    settings.inventory().alertsTopic(), settings.inventory().bootstrapServers());
        }
    }
}
