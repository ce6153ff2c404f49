package io.eventlake.orchestration.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where configuration comes from, in the order it is layered (later wins).
 *
 * @param confDir   folder holding application.conf and env/; null for the copies packaged in the jar
 * @param env       name of conf/env/&lt;env&gt;.conf to apply; null for none
 * @param confFile  a user's HOCON file; null for none
 * @param overrides {@code key=value} pairs from {@code --set}
 */
public record ConfigSources(Path confDir, String env, Path confFile, List<String> overrides) {
    public ConfigSources {
        overrides = List.copyOf(overrides);
    }
}
