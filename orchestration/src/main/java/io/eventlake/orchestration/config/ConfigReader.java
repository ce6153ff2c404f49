package io.eventlake.orchestration.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.eventlake.errors.LakeErrors;
import io.eventlake.errors.LakeException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One typed accessor per kind of setting over a resolved config. Every failure names the key, the value and what
 * is allowed. It remembers which keys were read, so {@link #rejectUnknown} can refuse the ones nobody reads.
 * {@link LakeConfig} makes one per load; a {@link ConfigSection} reads its own settings through it.
 */
public final class ConfigReader {
    private final Config config;
    private final Config defaults;
    private final Set<String> read = new HashSet<>();
    private final Set<String> freeForm = new HashSet<>();

    ConfigReader(Config config, Config defaults) {
        this.config = config;
        this.defaults = defaults;
    }

    /**
     * The error for {@code key}'s invalid value; its fix shows the key's shipped default when it has one (a value
     * that is known to work), else {@code example}.
     */
    private LakeException invalid(String key, Object value, String allowed, String example) {
        String shown = example;
        try {
            if (defaults.hasPath(key)) {
                String fallback = defaults.getValue(key).render(ConfigRenderOptions.concise());
                if (!fallback.equals(render(key))) {
                    shown = fallback;
                }
            }
        } catch (ConfigException e) {
            // a default that is itself a substitution: show the example
        }
        return LakeErrors.configInvalid(key, value, allowed, shown);
    }

    /** The example for a number whose accepted range is described by {@code allowed}. */
    private static String example(String allowed) {
        return allowed.startsWith("a whole") ? "1" : "0";
    }

    public String string(String key, String envVariable) {
        read.add(key);
        if (!config.hasPath(key)) {
            throw LakeErrors.configMissing(key, envVariable);
        }
        try {
            String value = config.getString(key);
            if (value.isBlank()) {
                throw LakeErrors.configMissing(key, envVariable);
            }
            return value;
        } catch (ConfigException.WrongType e) {
            throw invalid(key, render(key), "a string", "value");
        }
    }

    public String string(String key) {
        return string(key, null);
    }

    /** Null when the key is absent. */
    public String optionalString(String key) {
        return config.hasPath(key) ? string(key) : markRead(key);
    }

    public String oneOf(String key, Set<String> allowed) {
        String value = string(key);
        if (!allowed.contains(value)) {
            throw invalid(key, value, "one of " + String.join(", ", allowed.stream().sorted().toList()),
                    "\"" + allowed.stream().sorted().findFirst().orElse("") + "\"");
        }
        return value;
    }

    public boolean bool(String key) {
        requirePresent(key);
        read.add(key);
        try {
            return config.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            throw invalid(key, render(key), "true or false", "true");
        }
    }

    public int positiveInt(String key) {
        long value = positiveLong(key);
        if (value > Integer.MAX_VALUE) {
            throw invalid(key, value, "a whole number from 1 to " + Integer.MAX_VALUE, "1000");
        }
        return (int) value;
    }

    public int port(String key) {
        int value = positiveInt(key);
        if (value > 65535) {
            throw invalid(key, value, "a TCP port from 1 to 65535", "9092");
        }
        return value;
    }

    public long positiveLong(String key) {
        long value = number(key, "a whole number greater than 0").longValue();
        if (value <= 0) {
            throw invalid(key, render(key), "a whole number greater than 0", "1000");
        }
        return value;
    }

    public long anyLong(String key) {
        return number(key, "a whole number").longValue();
    }

    public double fraction(String key) {
        double value = number(key, "a number from 0 to 1").doubleValue();
        if (value < 0 || value > 1) {
            throw invalid(key, render(key), "a number from 0 to 1", "0.5");
        }
        return value;
    }

    public double nonNegative(String key) {
        double value = number(key, "a number of at least 0").doubleValue();
        if (value < 0) {
            throw invalid(key, render(key), "a number of at least 0", "0");
        }
        return value;
    }

    private Number number(String key, String allowed) {
        read.add(key);
        requirePresent(key);
        try {
            Number value = config.getNumber(key);
            if (allowed.startsWith("a whole") && value.doubleValue() != Math.rint(value.doubleValue())) {
                throw invalid(key, render(key), allowed, example(allowed));
            }
            return value;
        } catch (ConfigException.WrongType e) {
            throw invalid(key, render(key), allowed, example(allowed));
        }
    }

    /** A duration of 0 or more, such as 0s, 168h or 30d. */
    public Duration nonNegativeDuration(String key) {
        read.add(key);
        requirePresent(key);
        try {
            Duration value = config.getDuration(key);
            if (value.isNegative()) {
                throw invalid(key, render(key), "a duration of 0 or more such as 0h, 168h or 30d", "168h");
            }
            return value;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw invalid(key, render(key), "a duration of 0 or more such as 0h, 168h or 30d", "168h");
        }
    }

    public Duration positiveDuration(String key) {
        read.add(key);
        requirePresent(key);
        try {
            Duration value = config.getDuration(key);
            if (value.isNegative() || value.isZero()) {
                throw invalid(key, render(key), "a positive duration such as 500ms, 10s or 5m", "10s");
            }
            return value;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw invalid(key, render(key), "a positive duration such as 500ms, 10s or 5m", "10s");
        }
    }

    public List<String> nonEmptyStringList(String key) {
        read.add(key);
        requirePresent(key);
        try {
            List<String> values = config.getStringList(key);
            if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
                throw invalid(key, render(key), "a non-empty list of names, e.g. [\"retail.events\"]",
                        "[\"retail.events\"]");
            }
            return values;
        } catch (ConfigException.WrongType e) {
            throw invalid(key, render(key), "a list of strings, e.g. [\"retail.events\"]", "[\"retail.events\"]");
        }
    }

    /** A free-form map of string settings (its keys are not checked against the known ones). */
    public Map<String, String> stringMap(String key) {
        read.add(key);
        freeForm.add(key);
        if (!config.hasPath(key)) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, ConfigValue> entry : config.getConfig(key).entrySet()) {
                ConfigValueType type = entry.getValue().valueType();
                if (type == ConfigValueType.OBJECT || type == ConfigValueType.LIST || type == ConfigValueType.NULL) {
                    throw invalid(key + "." + entry.getKey(), entry.getValue().render(), "a single string, number or boolean",
                            "\"value\"");
                }
                values.put(unquote(entry.getKey()), String.valueOf(entry.getValue().unwrapped()));
            }
        } catch (ConfigException.WrongType e) {
            throw invalid(key, render(key), "an object of settings, e.g. { \"name\" = \"value\" }",
                    "{ \"name\" = \"value\" }");
        }
        return values;
    }

    /** A size in bytes, of 0 or more, such as {@code 64M} or {@code 1G}. */
    public long bytes(String key) {
        read.add(key);
        requirePresent(key);
        try {
            long value = config.getBytes(key);
            if (value < 0) {
                throw invalid(key, render(key), "a size of 0 or more, such as 64M or 1G", "64M");
            }
            return value;
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw invalid(key, render(key), "a size of 0 or more, such as 64M or 1G", "64M");
        }
    }

    /** A whole number from 0 to {@link Integer#MAX_VALUE}. */
    public int nonNegativeInt(String key) {
        long value = number(key, "a whole number of 0 or more").longValue();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw invalid(key, render(key), "a whole number from 0 to " + Integer.MAX_VALUE, "0");
        }
        return (int) value;
    }

    /** Reorder thresholds by SKU: {@code { "SKU-000123" = 25 }}, each a whole number of 0 or more. */
    public Map<String, Integer> thresholds(String key) {
        Map<String, Integer> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : stringMap(key).entrySet()) {
            try {
                int value = Integer.parseInt(entry.getValue());
                if (value < 0) {
                    throw new NumberFormatException("negative");
                }
                thresholds.put(entry.getKey(), value);
            } catch (NumberFormatException e) {
                throw invalid(key + "." + entry.getKey(), entry.getValue(), "a whole number of units, 0 or more, e.g. \"SKU-000123\" = 25",
                        "25");
            }
        }
        return thresholds;
    }

    /** An ISO-4217 currency code, e.g. {@code EUR}. */
    public String currency(String key) {
        String code = string(key);
        if (!isCurrency(code)) {
            throw invalid(key, render(key), "an ISO-4217 currency code, e.g. \"EUR\"", "EUR");
        }
        return code;
    }

    /** Exchange rates by ISO-4217 code: {@code { USD = 0.86, GBP = 1.14 }}, each a positive decimal. */
    public Map<String, BigDecimal> exchangeRates(String key) {
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : stringMap(key).entrySet()) {
            String entryKey = key + "." + entry.getKey();
            if (!isCurrency(entry.getKey())) {
                throw LakeErrors.configEntryInvalid(key, entry.getKey(), "keys that are ISO-4217 currency codes",
                        entry.getKey().toUpperCase(java.util.Locale.ROOT) + "=" + entry.getValue());
            }
            try {
                BigDecimal rate = new BigDecimal(entry.getValue());
                if (rate.signum() <= 0) {
                    throw new NumberFormatException("not positive");
                }
                rates.put(entry.getKey(), rate);
            } catch (NumberFormatException e) {
                throw invalid(entryKey, entry.getValue(), "a positive decimal rate, e.g. 0.86", "0.86");
            }
        }
        return rates;
    }

    private static boolean isCurrency(String code) {
        return java.util.Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(code));
    }

    /** Refuses any setting under {@code root} that no accessor read. */
    void rejectUnknown(String root) {
        if (!config.hasPath(root)) {
            return;
        }
        for (Map.Entry<String, ConfigValue> entry : config.getConfig(root).entrySet()) {
            String key = root + "." + entry.getKey();
            boolean known = read.contains(key) || freeForm.stream().anyMatch(map -> key.startsWith(map + "."));
            if (!known) {
                throw LakeErrors.configUnknown(key, closest(key));
            }
        }
    }

    private String closest(String key) {
        return read.stream()
                .filter(candidate -> !candidate.equals(key))
                .min(Comparator.comparingInt(candidate -> distance(candidate, key)))
                .filter(candidate -> distance(candidate, key) <= Math.max(3, key.length() / 5))
                .orElse(null);
    }

    private void requirePresent(String key) {
        if (!config.hasPath(key)) {
            throw LakeErrors.configMissing(key, null);
        }
    }

    private String markRead(String key) {
        read.add(key);
        return null;
    }

    private String render(String key) {
        ConfigValue value = config.getValue(key);
        return value.valueType() == ConfigValueType.OBJECT ? value.render(ConfigRenderOptions.concise())
                : value.render().replace("\n", " ");
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
