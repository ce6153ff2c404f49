package io.eventlake.orchestration.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the catalog's pages ({@link CatalogHtml}) into a local folder: {@code index.html} and one page per
 * table, replacing the pages of an earlier run (other files there are left alone). Idempotent for one model.
 */
public final class CatalogSite {
    private CatalogSite() {
    }

    /** Writes every page under {@code folder} (created if missing); the index page's path. */
    public static Path write(CatalogModel model, Path folder) {
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, String> page : CatalogHtml.pages(model).entrySet()) {
                Files.writeString(folder.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
            }
            return folder.resolve("index.html").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the catalog under " + folder, e);
        }
    }
}
