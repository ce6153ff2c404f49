package io.eventlake.gold.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.contracts.ContractRegistry;
import io.eventlake.contracts.validate.EventValidator;
import io.eventlake.contracts.validate.Validation;
import io.eventlake.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The published alert event against its own Avro contract, {@code conf/alerts/low_stock/v1.avsc}. */
@Tag("unit")
class LowStockAlertTest {
    private static final Path CONF = Path.of(System.getProperty("eventlake.root"), "conf");

    @Test
    void theAlertEventConformsToTheLowStockContract() throws IOException {
        Path contracts = TestSpark.tempDir("alert-contracts");
        Files.copy(CONF.resolve("contracts/envelope.avsc"), contracts.resolve("envelope.avsc"));
        Files.createDirectories(contracts.resolve("low_stock"));
        Files.copy(CONF.resolve("alerts/low_stock/v1.avsc"), contracts.resolve("low_stock/v1.avsc"));
        EventValidator validator = new EventValidator(ContractRegistry.load(contracts.toString()));
        LowStockAlert alert = new LowStockAlert("a1b2", "s-1", "SKU-1", 12, 9, 10,
                Instant.parse("2026-11-20T09:00:00Z"));

        Validation validation = validator.validate(alert.value());

        assertTrue(validation.isValid(), validation.reasons().toString());
        assertEquals("low_stock", validation.eventType());
        assertEquals("a1b2", LowStockAlert.alertIdOf(alert.value()));
    }
}
