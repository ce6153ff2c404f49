package io.eventlake.table;

import io.eventlake.errors.LakeErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every table of a lake: each {@link TableSpec} a layer publishes, mapped to where the table lives (its configured
 * name, and {@code <lake-root>/<database>/<table>}). Built once at start-up from configuration; jobs ask it for the
 * location of the spec they write, commands for a table a user named. Immutable; a value (equal catalogs hold the
 * same tables at the same places).
 */
public final class LakeCatalog {
    private final Map<TableSpec, TableLocation> locations;
    private final Map<String, TableSpec> byName = new LinkedHashMap<>();

    /** @param ordered the tables, in the order the layers publish them */
    private LakeCatalog(Map<TableSpec, TableLocation> ordered) {
        this.locations = Map.copyOf(ordered);
        ordered.forEach((spec, location) -> {
            TableSpec other = byName.putIfAbsent(location.name(), spec);
            if (other != null) {
                throw LakeErrors.configInvalid(spec.setting(), location.name(),
                        "a table name no other table has ('" + other.setting() + "' names it too)",
                        location.name() + "_2");
            }
        });
    }

    /** The tables of {@code names} (spec to {@code database.table}) under {@code lakeRoot}, in that order. */
    public static LakeCatalog under(String lakeRoot, Map<TableSpec, String> names) {
        Map<TableSpec, TableLocation> locations = new LinkedHashMap<>();
        names.forEach((spec, name) -> locations.put(spec, new TableLocation(name, path(lakeRoot, name))));
        return new LakeCatalog(locations);
    }

    /** Test hook and benchmarks: tables at locations of their own. */
    public static LakeCatalog of(Map<TableSpec, TableLocation> locations) {
        return new LakeCatalog(new LinkedHashMap<>(locations));
    }

    /** The same tables, with the same names, under another lake root. */
    public LakeCatalog under(String lakeRoot) {
        Map<TableSpec, String> names = new LinkedHashMap<>();
        specs().forEach(spec -> names.put(spec, locations.get(spec).name()));
        return under(lakeRoot, names);
    }

    /** This catalog and {@code other}'s tables (a spec in both keeps other's location). */
    public LakeCatalog with(LakeCatalog other) {
        Map<TableSpec, TableLocation> merged = new LinkedHashMap<>();
        specs().forEach(spec -> merged.put(spec, locations.get(spec)));
        other.specs().forEach(spec -> merged.put(spec, other.location(spec)));
        return of(merged);
    }

    /** Where the table of {@code spec} lives; a spec the catalog lacks is a wiring bug. */
    public TableLocation location(TableSpec spec) {
        TableLocation location = locations.get(spec);
        if (location == null) {
            throw new IllegalStateException("no table for " + spec + " in this catalog: add its spec to the "
                    + "layer's TABLES");
        }
        return location;
    }

    /** The table named {@code name} ({@code database.table}), if the lake has it. */
    public Optional<TableLocation> find(String name) {
        TableSpec spec = byName.get(name);
        return spec == null ? Optional.empty() : Optional.of(locations.get(spec));
    }

    /** The spec of the table named {@code name}, if the lake has it. */
    public Optional<TableSpec> spec(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every spec, in the order the layers publish them (bronze first). */
    public List<TableSpec> specs() {
        return byName.values().stream().toList();
    }

    /** Every table, in the order of {@link #specs()}. */
    public List<TableLocation> tables() {
        return specs().stream().map(locations::get).toList();
    }

    /** Every table's name, in the order of {@link #specs()}. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Two catalogs are equal when they hold the same specs at the same locations, in the same order. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LakeCatalog catalog && catalog.specs().equals(specs())
                && catalog.tables().equals(tables());
    }

    @Override
    public int hashCode() {
        return tables().hashCode();
    }

    @Override
    public String toString() {
        return "LakeCatalog" + tables();
    }

    private static String path(String lakeRoot, String name) {
        return lakeRoot + "/" + name.replace('.', '/');
    }
}
