package io.eventlake.gold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The input table versions a gold refresh read, recorded in its commit's {@code userMetadata} as
 * {@code refresh:<job>:{"silver.orders":12,...}}: the next refresh reads the changes after them, and anyone can
 * see which silver versions a gold version was built from ({@code DESCRIBE HISTORY}).
 *
 * @param versions input table name to the version read
 */
public record RefreshInputs(Map<String, Long> versions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RefreshInputs {
        versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The {@code userMetadata} prefix of a refresh of {@code job}. */
    public static String prefix(String job) {
        return "refresh:" + job + ":";
    }

    public String tag(String job) {
        ObjectNode node = JSON.createObjectNode();
        versions.forEach(node::put);
        return prefix(job) + node;
    }

    /** The inputs recorded in a tag of {@code job}; empty when the tag is not one. */
    public static Optional<RefreshInputs> fromTag(String job, String tag) {
        if (tag == null || !tag.startsWith(prefix(job))) {
            return Optional.empty();
        }
        try {
            Map<String, Long> versions = new LinkedHashMap<>();
            ObjectNode node = (ObjectNode) JSON.readTree(tag.substring(prefix(job).length()));
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = node.fields();
                 fields.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = fields.next();
                versions.put(field.getKey(), field.getValue().asLong());
            }
            return Optional.of(new RefreshInputs(versions));
        } catch (JsonProcessingException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The version read of {@code table}; empty when this refresh did not read it. */
    public Optional<Long> version(String table) {
        return Optional.ofNullable(versions.get(table));
    }
}
