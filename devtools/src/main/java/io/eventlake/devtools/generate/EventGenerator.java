package io.eventlake.devtools.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventlake.contracts.ContractRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

/**
 * Generates realistic retail events: orders with lines, payments and returns of those orders, inventory
 * movements and customer profile changes, with faults injected at the configured shares.
 *
 * <p>Deterministic: the same settings (seed included) give the same events, byte for byte. Event times start at
 * a fixed instant and advance 250 ms per event; late and out-of-order events lie before that clock.
 */
public final class EventGenerator implements Iterator<GeneratedEvent> {
    /** Where event time starts, so runs are reproducible. */
    public static final Instant EPOCH = Instant.parse("2026-11-01T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final String[] CHANNELS = {"store", "web", "app"};
    private static final String[] METHODS = {"CARD", "CASH", "GIFT_CARD", "WALLET"};
    private static final String[] ADJUSTMENTS = {"SALE", "RESTOCK", "SHRINKAGE", "RETURN", "CORRECTION"};
    private static final int STORES = 25;
    private static final int BUSY_STORES = 3;
    private static final int SKUS = 800;
    private static final int BEST_SELLERS = 8;
    private static final String[] COUNTRIES = {"GB", "DE", "FR", "NL", "US"};
    private static final String[] TIERS = {"bronze", "silver", "gold"};
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Ken", "Margaret", "Linus"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Thompson", "Hamilton"};
    private static final String[] UNKNOWN_TYPES = {"gift_card_issued", "loyalty_points_earned"};
    private static final int RECENT = 500;

    private final GeneratorSettings settings;
    private final ContractRegistry contracts;
    private final Random random;
    private final List<GeneratedEvent> recentValid = new ArrayList<>();
    private final List<String> orders = new ArrayList<>();
    private final Map<String, Instant> customerUpdates = new LinkedHashMap<>();
    private final List<String> updatedCustomers = new ArrayList<>();
    private long produced;

    public EventGenerator(GeneratorSettings settings, ContractRegistry contracts) {
        this.settings = settings;
        this.contracts = contracts;
        this.random = new Random(settings.seed());
    }

    @Override
    public boolean hasNext() {
        return produced < settings.count();
    }

    @Override
    public GeneratedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Instant now = EPOCH.plusMillis(250 * produced);
        produced++;
        FaultKind kind = drawKind();
        GeneratedEvent event = switch (kind) {
            case DUPLICATE -> recentValid.isEmpty() ? valid(now, FaultKind.VALID)
                    : duplicateOf(recentValid.get(random.nextInt(recentValid.size())));
            case OUT_OF_ORDER -> updatedCustomers.isEmpty() ? valid(now, FaultKind.VALID) : outOfOrder();
            case VALID, VERSION_2, LATE -> valid(now, kind);
            case INVALID_CURRENCY -> orders.isEmpty() ? valid(now, FaultKind.VALID) : invalidCurrency(now);
            default -> broken(now, kind);
        };
        if (event.kind().isValid() && event.kind() != FaultKind.DUPLICATE) {
            if (recentValid.size() == RECENT) {
                recentValid.set(random.nextInt(RECENT), event);
            } else {
                recentValid.add(event);
            }
        }
        return event;
    }

    private FaultKind drawKind() {
        double u = random.nextDouble();
        double cumulative = 0;
        for (Map.Entry<FaultKind, Double> share : settings.faults().entrySet()) {
            cumulative += share.getValue();
            if (u < cumulative) {
                return share.getKey();
            }
        }
        return FaultKind.VALID;
    }

    private static GeneratedEvent duplicateOf(GeneratedEvent original) {
        return new GeneratedEvent(original.key(), original.value(), FaultKind.DUPLICATE);
    }

    private GeneratedEvent valid(Instant now, FaultKind kind) {
        Instant occurredAt = kind == FaultKind.LATE
                ? now.minus(Duration.ofDays(1 + random.nextInt(5))).minusSeconds(random.nextInt(3600))
                : now;
        boolean version2 = kind == FaultKind.VERSION_2;
        String type = version2 ? (random.nextBoolean() ? "order_placed" : "customer_updated") : drawType();
        Keyed payload = payload(type, version2, occurredAt);
        ObjectNode event = envelope(type, version2 ? 2 : 1, occurredAt, payload.node());
        return new GeneratedEvent(payload.key(), bytes(event), kind);
    }

    /** A payment in a currency no ISO-4217 list knows: well-formed for its contract, rejected by conformance. */
    private GeneratedEvent invalidCurrency(Instant now) {
        Keyed payload = payload("payment_captured", false, now);
        payload.node().put("currency", "EURO");
        return new GeneratedEvent(payload.key(), bytes(envelope("payment_captured", 1, now, payload.node())),
                FaultKind.INVALID_CURRENCY);
    }

    /** A customer update older than the newest one already sent for that customer. */
    private GeneratedEvent outOfOrder() {
        String customer = updatedCustomers.get(random.nextInt(updatedCustomers.size()));
        Instant occurredAt = customerUpdates.get(customer).minus(Duration.ofMinutes(1 + random.nextInt(60)));
        ObjectNode payload = customer(customer, false);
        return new GeneratedEvent(customer, bytes(envelope("customer_updated", 1, occurredAt, payload)),
                FaultKind.OUT_OF_ORDER);
    }

    private GeneratedEvent broken(Instant now, FaultKind kind) {
        String type = drawType();
        Keyed payload = payload(type, false, now);
        ObjectNode event = envelope(type, 1, now, payload.node());
        switch (kind) {
            case MALFORMED_JSON -> {
                String json = event.toString();
                String truncated = json.substring(0, 1 + random.nextInt(json.length() - 2));
                return new GeneratedEvent(payload.key(), truncated.getBytes(StandardCharsets.UTF_8), kind);
            }
            case MISSING_FIELD -> payload.node().remove(payload.node().fieldNames().next());
            case WRONG_TYPE -> wrongType(type, payload.node());
            case UNKNOWN_EVENT_TYPE -> event.put("event_type", UNKNOWN_TYPES[random.nextInt(UNKNOWN_TYPES.length)]);
            case UNSUPPORTED_SCHEMA_VERSION -> event.put("schema_version", contracts.latest(type).version() + 1);
            default -> throw new IllegalArgumentException("not a broken kind: " + kind);
        }
        return new GeneratedEvent(payload.key(), bytes(event), kind);
    }

    private static void wrongType(String type, ObjectNode payload) {
        switch (type) {
            case "order_placed" -> ((ObjectNode) payload.get("lines").get(0)).put("quantity", "two");
            case "payment_captured" -> payload.put("amount", "a lot");
            case "order_returned" -> payload.put("quantity", "one");
            case "inventory_adjusted" -> payload.put("quantity_delta", "minus three");
            case "customer_updated" -> payload.put("customer_id", 12345);
            default -> throw new IllegalArgumentException(type);
        }
    }

    private String drawType() {
        int u = random.nextInt(100);
        if (u < 10) {
            return "customer_updated";
        }
        if (u < 40 || orders.isEmpty()) {
            return "order_placed"; // payments and returns refer to orders placed before
        }
        if (u < 62) {
            return "payment_captured";
        }
        return u < 90 ? "inventory_adjusted" : "order_returned";
    }

    private record Keyed(String key, ObjectNode node) {
    }

    private Keyed payload(String type, boolean version2, Instant occurredAt) {
        return switch (type) {
            case "order_placed" -> {
                String order = "O-" + Long.toString(settings.seed(), 36) + "-" + (orders.size() + 1);
                orders.add(order);
                ObjectNode p = JSON.createObjectNode()
                        .put("order_id", order)
                        .put("customer_id", customerId())
                        .put("store_id", storeId())
                        .put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
                ArrayNode lines = p.putArray("lines");
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    lines.addObject().put("sku", sku()).put("quantity", 1 + random.nextInt(5))
                            .put("unit_price", money(1, 200));
                }
                if (version2) {
                    p.put("channel", CHANNELS[random.nextInt(CHANNELS.length)]);
                }
                yield new Keyed(order, p);
            }
            case "payment_captured" -> {
                String order = orders.get(random.nextInt(orders.size()));
                yield new Keyed(order, JSON.createObjectNode()
                        .put("payment_id", "P-" + uuid().substring(0, 13))
                        .put("order_id", order)
                        .put("amount", money(5, 800))
                        .put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)])
                        .put("method", METHODS[random.nextInt(METHODS.length)]));
            }
            case "order_returned" -> {
                String order = orders.get(random.nextInt(orders.size()));
                ObjectNode p = JSON.createObjectNode()
                        .put("return_id", "R-" + uuid().substring(0, 13))
                        .put("order_id", order)
                        .put("sku", sku())
                        .put("quantity", 1 + random.nextInt(2))
                        .put("refund_amount", money(1, 200))
                        .put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
                if (random.nextBoolean()) {
                    p.put("reason", random.nextBoolean() ? "damaged" : "changed mind");
                }
                yield new Keyed(order, p);
            }
            case "inventory_adjusted" -> {
                String store = storeId();
                String sku = sku();
                String reason = ADJUSTMENTS[random.nextInt(ADJUSTMENTS.length)];
                int magnitude = 1 + random.nextInt(reason.equals("RESTOCK") ? 50 : 5);
                boolean incoming = reason.equals("RESTOCK") || reason.equals("RETURN");
                yield new Keyed(store + ":" + sku, JSON.createObjectNode()
                        .put("store_id", store)
                        .put("sku", sku)
                        .put("quantity_delta", incoming ? magnitude : -magnitude)
                        .put("reason", reason));
            }
            case "customer_updated" -> {
                String customer = customerId();
                if (!customerUpdates.containsKey(customer)) {
                    updatedCustomers.add(customer);
                }
                customerUpdates.merge(customer, occurredAt, (a, b) -> a.isAfter(b) ? a : b);
                yield new Keyed(customer, customer(customer, version2));
            }
            default -> throw new IllegalArgumentException(type);
        };
    }

    private ObjectNode customer(String customer, boolean version2) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        ObjectNode p = JSON.createObjectNode()
                .put("customer_id", customer)
                .put("email", (first + "." + last + random.nextInt(100)).toLowerCase() + "@example.com")
                .put("full_name", first + " " + last)
                .put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
        if (random.nextBoolean()) {
            p.put("loyalty_tier", TIERS[random.nextInt(TIERS.length)]);
        }
        if (version2) {
            p.put("phone", "+44 20 7946 " + String.format("%04d", random.nextInt(10000)));
        }
        return p;
    }

    private ObjectNode envelope(String type, int version, Instant occurredAt, ObjectNode payload) {
        ObjectNode event = JSON.createObjectNode()
                .put("event_id", uuid())
                .put("event_type", type)
                .put("schema_version", version)
                .put("occurred_at", occurredAt.toString())
                .put("producer", type.startsWith("customer") ? "crm" : type.startsWith("inventory") ? "wms" : "pos");
        if (random.nextInt(4) == 0) {
            event.put("correlation_id", "flow-" + random.nextInt(100_000));
        }
        event.set("payload", payload);
        return event;
    }

    private String customerId() {
        return String.format("C%05d", 1 + random.nextInt(2000));
    }

    /** Half of the sales and stock movements fall on a few busy stores and best-selling SKUs, as in a real shop. */
    private String storeId() {
        return String.format("S%03d", 1 + random.nextInt(random.nextBoolean() ? BUSY_STORES : STORES));
    }

    private String sku() {
        return String.format("SKU-%06d", 1 + random.nextInt(random.nextBoolean() ? BEST_SELLERS : SKUS));
    }

    private BigDecimal money(int min, int max) {
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100), 2);
    }

    private String uuid() {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    private static byte[] bytes(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }
}
