package io.eventlake.devtools.config;

import io.eventlake.devtools.generate.FaultKind;
import io.eventlake.devtools.generate.GeneratorSettings;
import io.eventlake.errors.LakeErrors;
import io.eventlake.orchestration.config.ConfigReader;
import io.eventlake.orchestration.config.ConfigSection;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dev tools' settings, {@code eventlake.local-kafka} and {@code eventlake.generator}, with their defaults in
 * {@code conf/devtools.conf} ({@link #SECTION}). Read once at start-up with the lake's settings.
 *
 * @param localKafka the local broker
 * @param generator  the event generator
 */
public record DevSettings(LocalKafkaSettings localKafka, GeneratorSettings generator) {
    public static final String LOCAL_KAFKA_PORT = "eventlake.local-kafka.port";
    public static final String LOCAL_KAFKA_CONTROLLER_PORT = "eventlake.local-kafka.controller-port";
    public static final String LOCAL_KAFKA_MAX_HEAP = "eventlake.local-kafka.max-heap";
    public static final String LOCAL_KAFKA_CLASSPATH_FILE = "eventlake.local-kafka.classpath-file";
    public static final String GENERATOR_COUNT = "eventlake.generator.count";
    public static final String GENERATOR_RATE = "eventlake.generator.rate";
    public static final String GENERATOR_SEED = "eventlake.generator.seed";
    public static final String GENERATOR_PARTITIONS = "eventlake.generator.partitions";
    /** Followed by a {@link FaultKind#configName()}: that kind's share of the generated events. */
    public static final String GENERATOR_FAULTS = "eventlake.generator.faults";

    /** The section of the configuration the dev tools read, defaults in {@code devtools.conf}. */
    public static final ConfigSection<DevSettings> SECTION = new ConfigSection<>() {
        @Override
        public String defaultsFile() {
            return "devtools.conf";
        }

        @Override
        public DevSettings read(ConfigReader config) {
            return DevSettings.read(config);
        }

        @Override
        public String toString() {
            return "devtools.conf (eventlake.local-kafka, eventlake.generator)";
        }
    };

    static DevSettings read(ConfigReader c) {
        LocalKafkaSettings localKafka = new LocalKafkaSettings(
                c.port(LOCAL_KAFKA_PORT),
                c.port(LOCAL_KAFKA_CONTROLLER_PORT),
                c.string(LOCAL_KAFKA_MAX_HEAP),
                Path.of(c.string(LOCAL_KAFKA_CLASSPATH_FILE)).toAbsolutePath());
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        double total = 0;
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.VALID) {
                double share = c.fraction(GENERATOR_FAULTS + "." + kind.configName());
                faults.put(kind, share);
                total += share;
            }
        }
        if (total > 1.0 + 1e-9) {
            // the fix lowers the largest share: overriding the whole object would merge with, not replace, it
            FaultKind largest = faults.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            double others = total - faults.get(largest);
            String allowed = java.math.BigDecimal.valueOf(Math.max(0, 1 - others))
                    .setScale(3, java.math.RoundingMode.FLOOR).stripTrailingZeros().toPlainString();
            throw LakeErrors.configInvalid(GENERATOR_FAULTS + "." + largest.configName(), faults.get(largest),
                    String.format("at most %s, so that the shares of %s sum to at most 1 (they sum to %.3f; valid "
                            + "events take the rest)", allowed, GENERATOR_FAULTS, total), allowed);
        }
        GeneratorSettings generator = new GeneratorSettings(
                c.positiveLong(GENERATOR_COUNT),
                c.nonNegative(GENERATOR_RATE),
                c.anyLong(GENERATOR_SEED),
                c.positiveInt(GENERATOR_PARTITIONS),
                faults);
        return new DevSettings(localKafka, generator);
    }
}
