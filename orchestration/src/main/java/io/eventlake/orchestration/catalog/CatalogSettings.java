package io.eventlake.orchestration.catalog;

import io.eventlake.orchestration.config.ConfigReader;
import io.eventlake.orchestration.config.ConfigSection;
import java.util.Map;

/**
 * The catalog's owners, {@code eventlake.catalog.owners}, with their defaults in {@code conf/owners.conf}
 * ({@link #SECTION}).
 *
 * @param layers the owner of each layer's tables, by layer ({@code bronze}, {@code silver}, {@code gold},
 *               {@code quality})
 * @param tables owners of particular tables, by table name (win over their layer's)
 */
public record CatalogSettings(Map<String, String> layers, Map<String, String> tables) {
    public static final String OWNERS = "eventlake.catalog.owners";
    public static final String TABLE_OWNERS = OWNERS + ".tables";
    private static final java.util.List<String> LAYERS = java.util.List.of("bronze", "silver", "gold", "quality");

    public CatalogSettings {
        layers = Map.copyOf(layers);
        tables = Map.copyOf(tables);
    }

    /** The owner of the table named {@code table} ({@code layer.name}); "unowned" when none is configured. */
    public String ownerOf(String table) {
        String owner = tables.get(table);
        return owner != null ? owner : layers.getOrDefault(table.substring(0, table.indexOf('.')), "unowned");
    }

    /** The section of the configuration the catalog reads, defaults in {@code owners.conf}. */
    public static final ConfigSection<CatalogSettings> SECTION = new ConfigSection<>() {
        @Override
        public String defaultsFile() {
            return "owners.conf";
        }

        @Override
        public CatalogSettings read(ConfigReader c) {
            Map<String, String> layers = new java.util.LinkedHashMap<>();
            for (String layer : LAYERS) {
                String owner = c.optionalString(OWNERS + "." + layer);
                if (owner != null) {
                    layers.put(layer, owner);
                }
            }
            return new CatalogSettings(layers, c.stringMap(TABLE_OWNERS));
        }

        @Override
        public String toString() {
            return "owners.conf (eventlake.catalog.owners)";
        }
    };
}
