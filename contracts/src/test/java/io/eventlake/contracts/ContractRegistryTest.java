package io.eventlake.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class ContractRegistryTest {
    /** The repository's conf/contracts, the source of what the jar packages. */
    private static final Path CONTRACTS = Path.of(System.getProperty("eventlake.root"), "conf", "contracts");

    @Test
    void loadsEveryEventTypeAndVersionPackagedInTheJar() {
        ContractRegistry registry = ContractRegistry.load(ContractRegistry.CLASSPATH);

        assertEquals(Set.of("customer_updated", "inventory_adjusted", "order_placed", "order_returned",
                "payment_captured"), registry.eventTypes());
        assertEquals(List.of(1, 2), registry.versions("order_placed").stream().map(EventContract::version).toList());
        assertEquals(2, registry.latest("customer_updated").version());
        assertTrue(registry.find("order_placed", 3).isEmpty());
    }

    @Test
    void derivesSparkSchemasFromTheAvroContracts() {
        StructType v2 = ContractRegistry.load(CONTRACTS.toString()).find("order_placed", 2).orElseThrow()
                .payloadSparkSchema();

        assertEquals(List.of("order_id", "customer_id", "store_id", "currency", "lines", "channel"),
                List.of(v2.fieldNames()));
        StructType line = (StructType) ((ArrayType) v2.apply("lines").dataType()).elementType();
        assertEquals(DataTypes.createDecimalType(12, 2), line.apply("unit_price").dataType());
        assertEquals(DataTypes.IntegerType, line.apply("quantity").dataType());
        assertTrue(v2.apply("channel").nullable());
    }

    @Test
    void aNewRequiredFieldWithoutDefaultIsRefusedNamingTypeVersionsAndField(@TempDir Path dir) throws IOException {
        Path contracts = copyContracts(dir);
        String v2 = Files.readString(contracts.resolve("order_placed/v2.avsc"));
        Files.writeString(contracts.resolve("order_placed/v3.avsc"), v2.replace(
                "\"fields\": [", "\"fields\": [{\"name\": \"promo_code\", \"type\": \"string\"},"));

        LakeException error = assertThrows(LakeException.class, () -> ContractRegistry.load(contracts.toString()));

        assertEquals(ErrorCode.CONTRACT_INCOMPATIBLE, error.code());
        assertTrue(error.getMessage().startsWith(
                "Contract 'order_placed' version 3 is incompatible with version 1 at field 'promo_code'."),
                error.getMessage());
        assertTrue(error.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), error.getMessage());
        assertTrue(error.getMessage().contains("Fix: "), error.getMessage());
    }

    @Test
    void aRetypedNestedFieldIsRefusedNamingItsPath(@TempDir Path dir) throws IOException {
        Path contracts = copyContracts(dir);
        String v2 = Files.readString(contracts.resolve("order_placed/v2.avsc"));
        Files.writeString(contracts.resolve("order_placed/v2.avsc"),
                v2.replaceFirst("\"name\": \"quantity\",\\s*\"type\": \"int\"",
                        "\"name\": \"quantity\", \"type\": \"string\""));

        LakeException error = assertThrows(LakeException.class, () -> ContractRegistry.load(contracts.toString()));

        assertEquals(ErrorCode.CONTRACT_INCOMPATIBLE, error.code());
        assertTrue(error.getMessage().contains("version 2 is incompatible with version 1 at field 'lines.quantity'"),
                error.getMessage());
    }

    @Test
    void aPayloadFieldNamedLikeAnEnvelopeFieldIsRefused(@TempDir Path dir) throws IOException {
        Path contracts = copyContracts(dir);
        Path v1 = contracts.resolve("inventory_adjusted/v1.avsc");
        Files.writeString(v1, Files.readString(v1).replace("\"name\": \"store_id\"", "\"name\": \"event_id\""));

        LakeException error = assertThrows(LakeException.class, () -> ContractRegistry.load(contracts.toString()));

        assertEquals(ErrorCode.CONTRACT_INVALID, error.code());
        assertTrue(error.getMessage().contains("payload field 'event_id' clashes with an envelope field"));
    }

    @Test
    void aFileThatIsNotAvroIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path contracts = copyContracts(dir);
        Files.writeString(contracts.resolve("payment_captured/v2.avsc"), "{\"type\": \"record\", \"name\": ");

        LakeException error = assertThrows(LakeException.class, () -> ContractRegistry.load(contracts.toString()));

        assertEquals(ErrorCode.CONTRACT_INVALID, error.code());
        assertTrue(error.getMessage().contains("payment_captured/v2.avsc"), error.getMessage());
    }

    @Test
    void aMissingFolderSaysWhereContractsAreExpected(@TempDir Path dir) {
        LakeException error = assertThrows(LakeException.class,
                () -> ContractRegistry.load(dir.resolve("nowhere").toString()));

        assertEquals(ErrorCode.CONTRACTS_NOT_FOUND, error.code());
        assertTrue(error.getMessage().contains("eventlake.contracts.location"));
    }

    static Path copyContracts(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(CONTRACTS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
        return target;
    }
}
