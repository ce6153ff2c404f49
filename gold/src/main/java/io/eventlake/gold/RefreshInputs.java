package io.eventlake.gold;

import io.eventlake.table.CommitTag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The input table versions a gold refresh read, recorded in its commit's tag ({@link CommitTag.Refresh}): the next
 * refresh reads the changes after them, and anyone can see which silver versions a gold version was built from
 * ({@code DESCRIBE HISTORY}).
 *
 * @param versions input table name to the version read
 */
public record RefreshInputs(Map<String, Long> versions) {
    public RefreshInputs {
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The tag of a refresh of {@code job} that read these versions. */
    public CommitTag.Refresh tag(String job) {
        return new CommitTag.Refresh(job, versions);
    }

    /** Whether {@code tag} is a refresh of {@code job}. */
    public static boolean isRefreshOf(String job, CommitTag tag) {
        return tag instanceof CommitTag.Refresh refresh && refresh.job().equals(job);
    }

    /** The inputs recorded in a tag of {@code job}; empty when the tag is not one. */
    public static Optional<RefreshInputs> fromTag(String job, CommitTag tag) {
        return isRefreshOf(job, tag) ? Optional.of(new RefreshInputs(((CommitTag.Refresh) tag).inputs()))
                : Optional.empty();
    }

    /** The version read of {@code table}; empty when this refresh did not read it. */
    public Optional<Long> version(String table) {
        return Optional.ofNullable(versions.get(table));
    }
}
