package io.eventlake.table;

import io.eventlake.errors.LakeErrors;
import java.util.regex.Pattern;

/**
 * Where a table lives: its catalog name ({@code database.table}) and its storage path (local directory or
 * an {@code s3a://} URI). Tables are reachable both ways.
 *
 * @param name catalog name, e.g. {@code bronze.events}
 * @param path storage location of the Delta table
 */
public record TableLocation(String name, String path) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    public TableLocation {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LakeErrors.tableNameInvalid(String.valueOf(name));
        }
    }

    public String database() {
        return name.substring(0, name.indexOf('.'));
    }

    @Override
    public String toString() {
        return name + " (" + path + ")";
    }
}
