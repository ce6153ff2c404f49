package io.eventlake.gold.features;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * How customer features value money.
 *
 * @param reportingCurrency the currency spend features are in (ISO-4217)
 * @param exchangeRates     units of the reporting currency per unit of each other currency (reference rates)
 */
public record FeatureSettings(String reportingCurrency, Map<String, BigDecimal> exchangeRates) {
    public FeatureSettings {
        exchangeRates = java.util.Collections.unmodifiableMap(new TreeMap<>(exchangeRates));
    }

    /** The rate of {@code currency}: 1 for the reporting currency, null when unknown. */
    public BigDecimal rate(String currency) {
        return currency.equals(reportingCurrency) ? BigDecimal.ONE : exchangeRates.get(currency);
    }
}
