package io.eventlake.devtools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.contracts.ContractRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Mutated events for fault and agreement tests: each one a valid generated event changed by one {@link Mutation}
 * (random bytes, truncation, a value of another type, an extreme number or date, another encoding, a key twice,
 * a huge array, a blank identifier, deep nesting, odd Unicode), or left as it is. Deterministic for a seed.
 *
 * <p>What each becomes is not predicted here: bronze decides (valid or a reason), and the tests check that every
 * record is accounted for and that silver reads whatever bronze accepts.
 */
public final class EventFuzzer implements Iterator<EventFuzzer.Fuzzed> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] NUMBERS = {"1e400", "-1e400", "1e-400", "9223372036854775808", "-0", "0.0000001",
        "1E+30", "123456789012345678901234567890", "2147483648", "-2147483649", "1.0", "12.345", "0"};
    private static final String[] TIMES = {"1850-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "+294248-01-01T00:00:00Z",
        "+999999999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1900-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z", "2026-13-45T25:61:61Z", "2026-11-20T10:15:30.123456789Z", "2026-11-20t10:15:30z",
        "2026-11-20T10:15:30+14:00", "2026-11-20T10:15:30-12:00", "2026-11-20T10:15Z", "2026-11-20", ""};
    private static final String[] STRINGS = {"", " ", "\t", "\u00e9t\u00e9", "\ud83d\ude00", "\u202eRTL",
        "\u0000", "\\", "\"", "x".repeat(10_000), "null"};

    /** How a valid event was changed. */
    public enum Mutation {
        NONE, RANDOM_BYTES, TRUNCATED, TYPE_SWAP, EXTREME_NUMBER, EXTREME_TIME, ODD_STRING, BOM, UTF16, LATIN1,
        KEY_TWICE, HUGE_ARRAY, BLANK_ID, DEEP_NESTING, REMOVED_FIELD
    }

    /**
     * One mutated record.
     *
     * @param key      the Kafka key of the event it came from
     * @param value    the bytes to send
     * @param mutation what was done to it
     */
    public record Fuzzed(String key, byte[] value, Mutation mutation) {
    }

    private final EventGenerator events;
    private final Random random;
    private final long count;
    private long produced;

    /** {@code count} mutated events from valid generated ones, deterministic for {@code seed}. */
    public EventFuzzer(long count, long seed, ContractRegistry contracts) {
        this.events = new EventGenerator(new GeneratorSettings(Long.MAX_VALUE, 0, seed, 1, Map.of()), contracts);
        this.random = new Random(seed);
        this.count = count;
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    @Override
    public Fuzzed next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        produced++;
        GeneratedEvent event = events.next();
        Mutation[] all = Mutation.values();
        Mutation mutation = all[random.nextInt(all.length)];
        return new Fuzzed(event.key(), mutate(event.value(), mutation), mutation);
    }

    private byte[] mutate(byte[] value, Mutation mutation) {
        String text = new String(value, StandardCharsets.UTF_8);
        ObjectNode tree = parse(value);
        return switch (mutation) {
            case NONE -> value;
            case RANDOM_BYTES -> {
                byte[] bytes = value.clone();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield bytes;
            }
            case TRUNCATED -> text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
            case TYPE_SWAP -> replaceLeaf(tree, swapped(leaf(tree)));
            case EXTREME_NUMBER -> replaceLeafRaw(tree, NUMBERS[random.nextInt(NUMBERS.length)]);
            case EXTREME_TIME -> {
                String time = TIMES[random.nextInt(TIMES.length)];
                if (random.nextBoolean()) {
                    tree.put("occurred_at", time);
                    yield utf8(tree);
                }
                yield replaceLeaf(tree, JSON.getNodeFactory().textNode(time));
            }
            case ODD_STRING -> replaceLeaf(tree, JSON.getNodeFactory().textNode(STRINGS[random.nextInt(
                    STRINGS.length)]));
            case BOM -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, value);
            case UTF16 -> text.getBytes(random.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
            case LATIN1 -> {
                tree.put("producer", "caf\u00e9");
                yield tree.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            case KEY_TWICE -> text.replaceFirst("\"event_id\":", "\"event_id\":\"twice\",\"event_id\":")
                    .getBytes(StandardCharsets.UTF_8);
            case HUGE_ARRAY -> {
                JsonNode lines = tree.get("payload").get("lines");
                if (lines instanceof ArrayNode array && !array.isEmpty()) {
                    JsonNode line = array.get(0);
                    for (int i = 0; i < 5_000; i++) {
                        array.add(line.deepCopy());
                    }
                } else {
                    ArrayNode array = ((ObjectNode) tree.get("payload")).putArray("extra");
                    for (int i = 0; i < 5_000; i++) {
                        array.add(i);
                    }
                }
                yield utf8(tree);
            }
            case BLANK_ID -> {
                tree.put("event_id", random.nextBoolean() ? "" : "   ");
                yield utf8(tree);
            }
            case DEEP_NESTING -> {
                int depth = random.nextBoolean() ? 50 : 3_000;
                ((ObjectNode) tree.get("payload")).putRawValue("nested",
                        new com.fasterxml.jackson.databind.util.RawValue("[".repeat(depth) + "]".repeat(depth)));
                yield utf8(tree);
            }
            case REMOVED_FIELD -> {
                Path path = leaf(tree);
                path.parent().remove(path.name());
                yield utf8(tree);
            }
        };
    }

    /** A leaf value: its container and its field name (or index). */
    private record Path(ContainerNode<?> container, String name, int index) {
        ObjectNode parent() {
            return container instanceof ObjectNode object ? object : JSON.createObjectNode();
        }

        JsonNode value() {
            return container instanceof ObjectNode object ? object.get(name) : container.get(index);
        }

        void set(JsonNode value) {
            if (container instanceof ObjectNode object) {
                object.set(name, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    private Path leaf(ObjectNode tree) {
        List<Path> leaves = new ArrayList<>();
        collect(tree, leaves);
        return leaves.get(random.nextInt(leaves.size()));
    }

    private static void collect(JsonNode node, List<Path> leaves) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isContainerNode()) {
                    collect(field.getValue(), leaves);
                } else {
                    leaves.add(new Path(object, field.getKey(), -1));
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isContainerNode()) {
                    collect(array.get(i), leaves);
                } else {
                    leaves.add(new Path(array, null, i));
                }
            }
        }
    }

    private JsonNode swapped(Path path) {
        JsonNode value = path.value();
        var nodes = JSON.getNodeFactory();
        JsonNode[] options = {nodes.textNode(value.asText()), nodes.numberNode(random.nextInt(1000)),
            nodes.booleanNode(random.nextBoolean()), nodes.nullNode(), nodes.arrayNode().add(value),
            nodes.objectNode().set("v", value), nodes.numberNode(random.nextDouble() * 1000)};
        return options[random.nextInt(options.length)];
    }

    private byte[] replaceLeaf(ObjectNode tree, JsonNode replacement) {
        leaf(tree).set(replacement);
        return utf8(tree);
    }

    private byte[] replaceLeafRaw(ObjectNode tree, String rawNumber) {
        String marker = "\"__raw_" + random.nextInt(1_000_000) + "__\"";
        leaf(tree).set(JSON.getNodeFactory().textNode(marker.substring(1, marker.length() - 1)));
        return tree.toString().replace(marker, rawNumber).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode parse(byte[] value) {
        try {
            return (ObjectNode) JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a generated valid event did not parse", e);
        }
    }

    private static byte[] utf8(ObjectNode tree) {
        return tree.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
