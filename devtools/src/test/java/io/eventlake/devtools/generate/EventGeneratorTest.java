package io.eventlake.devtools.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.contracts.validate.Validation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class EventGeneratorTest {
    private static final ContractRegistry CONTRACTS = ContractRegistry.load(ContractRegistry.CLASSPATH);

    private static GeneratorSettings settings(long count, long seed) {
        Map<FaultKind, Double> faults = new EnumMap<>(FaultKind.class);
        for (FaultKind kind : FaultKind.values()) {
            if (kind != FaultKind.VALID) {
                faults.put(kind, 0.06);
            }
        }
        return new GeneratorSettings(count, 0, seed, 3, faults);
    }

    private static List<GeneratedEvent> generate(GeneratorSettings settings) {
        List<GeneratedEvent> events = new ArrayList<>();
        new EventGenerator(settings, CONTRACTS).forEachRemaining(events::add);
        return events;
    }

    @Test
    void theSameSeedGivesTheSameEventsByteForByte() {
        List<GeneratedEvent> first = generate(settings(500, 11));
        List<GeneratedEvent> second = generate(settings(500, 11));
        List<GeneratedEvent> other = generate(settings(500, 12));

        assertEquals(500, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).key(), second.get(i).key());
            assertArrayEquals(first.get(i).value(), second.get(i).value());
            assertEquals(first.get(i).kind(), second.get(i).kind());
        }
        assertFalse(java.util.Arrays.equals(first.get(0).value(), other.get(0).value()));
    }

    /** Every kind is produced, and bronze's validator judges each exactly as its kind says. */
    @Test
    void everyKindValidatesAsItsCategorySays() {
        EventValidator validator = new EventValidator(CONTRACTS);
        Map<FaultKind, Integer> seen = new EnumMap<>(FaultKind.class);
        Set<String> eventTypes = new HashSet<>();
        for (GeneratedEvent event : generate(settings(3000, 42))) {
            Validation v = validator.validate(event.value());
            String text = new String(event.value(), StandardCharsets.UTF_8);
            if (event.kind().isValid()) {
                assertTrue(v.isValid(), event.kind() + " judged invalid " + v.reasons() + ": " + text);
                eventTypes.add(v.eventType());
            } else {
                assertFalse(v.isValid(), event.kind() + " judged valid: " + text);
                assertEquals(event.kind().reasonCode(), v.reasons().get(0).code().wireName(), text);
            }
            seen.merge(event.kind(), 1, Integer::sum);
        }
        assertEquals(Set.of(FaultKind.values()), seen.keySet(), "every kind appears: " + seen);
        assertEquals(CONTRACTS.eventTypes(), eventTypes, "every event type appears");
    }

    @Test
    void duplicatesRepeatAnEarlierEventAndVersion2EventsCarryTheNewField() {
        List<GeneratedEvent> events = generate(settings(2000, 5));
        Set<String> earlier = new HashSet<>();
        for (GeneratedEvent event : events) {
            String text = new String(event.value(), StandardCharsets.UTF_8);
            if (event.kind() == FaultKind.DUPLICATE) {
                assertTrue(earlier.contains(text), "a duplicate repeats an event sent before");
            }
            if (event.kind() == FaultKind.VERSION_2) {
                assertTrue(text.contains("\"schema_version\":2"), text);
                assertTrue(text.contains("\"channel\"") || text.contains("\"phone\""), text);
            }
            earlier.add(text);
        }
    }
}
