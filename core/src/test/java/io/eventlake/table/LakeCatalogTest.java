package io.eventlake.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LakeCatalogTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType);
    private static final TableSpec EVENTS = new TableSpec("eventlake.bronze.events-table", SCHEMA,
            TableLayout.unpartitioned("id"));
    private static final TableSpec ORDERS = new TableSpec("eventlake.silver.orders-table", SCHEMA,
            TableLayout.unpartitioned("id"));

    private static Map<TableSpec, String> names(String events, String orders) {
        Map<TableSpec, String> names = new LinkedHashMap<>();
        names.put(EVENTS, events);
        names.put(ORDERS, orders);
        return names;
    }

    @Test
    void aSpecsTableLivesUnderTheLakeRootByItsConfiguredName() {
        LakeCatalog catalog = LakeCatalog.under("/lake", names("bronze.events", "sales.orders_v2"));

        assertEquals(new TableLocation("sales.orders_v2", "/lake/sales/orders_v2"), catalog.location(ORDERS));
        assertEquals(Optional.of(catalog.location(EVENTS)), catalog.find("bronze.events"));
        assertEquals(Optional.of(ORDERS), catalog.spec("sales.orders_v2"));
        assertEquals(Optional.empty(), catalog.find("silver.orders"));
        assertEquals(List.of("bronze.events", "sales.orders_v2"), catalog.names());
        assertEquals("s3a://b/lake/sales/orders_v2", catalog.under("s3a://b/lake").location(ORDERS).path());
    }

    @Test
    void twoSettingsNamingOneTableAreRefusedNamingBoth() {
        LakeException error = assertThrows(LakeException.class,
                () -> LakeCatalog.under("/lake", names("bronze.events", "bronze.events")));

        assertEquals(ErrorCode.CONFIG_INVALID, error.code());
        assertTrue(error.getMessage().contains("'eventlake.silver.orders-table'")
                && error.getMessage().contains("'eventlake.bronze.events-table' names it too"), error.getMessage());
    }

    @Test
    void aSpecOutsideTheCatalogIsAWiringBugNamingTheSpec() {
        LakeCatalog catalog = LakeCatalog.under("/lake", Map.of(EVENTS, "bronze.events"));

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> catalog.location(ORDERS));
        assertTrue(error.getMessage().contains("eventlake.silver.orders-table"), error.getMessage());
    }
}
