package io.eventlake.devtools.generate;

import java.util.EnumMap;
import java.util.Map;

/**
 * What {@code ./lake generate} sends.
 *
 * @param count      how many events
 * @param rate       events per second; 0 for as fast as the broker takes them
 * @param seed       same seed, same events (byte for byte)
 * @param partitions partitions of the topic when the generator creates it
 * @param faults     share of events per fault kind; {@link FaultKind#VALID} takes the rest
 */
public record GeneratorSettings(long count, double rate, long seed, int partitions, Map<FaultKind, Double> faults) {
    public GeneratorSettings {
        EnumMap<FaultKind, Double> copy = new EnumMap<>(FaultKind.class);
        copy.putAll(faults);
        copy.remove(FaultKind.VALID);
        faults = java.util.Collections.unmodifiableMap(copy);
    }

    public GeneratorSettings withCount(long newCount) {
        return new GeneratorSettings(newCount, rate, seed, partitions, faults);
    }

    public GeneratorSettings withRate(double newRate) {
        return new GeneratorSettings(count, newRate, seed, partitions, faults);
    }

    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(count, rate, newSeed, partitions, faults);
    }
}
