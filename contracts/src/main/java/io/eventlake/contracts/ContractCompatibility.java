package io.eventlake.contracts;

import io.eventlake.errors.LakeErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Checks, with Avro's own {@link SchemaCompatibility}, that every version of an event type can read events
 * written with every older version (backward-transitive compatibility), which is what lets silver upcast old
 * events to the newest contract.
 */
public final class ContractCompatibility {
    private ContractCompatibility() {
    }

    /**
     * @param versions the contracts of one event type, in ascending version order
     * @throws io.eventlake.errors.LakeException {@code CONTRACT_INCOMPATIBLE} naming the type, both versions and
     *     the first breaking field
     */
    public static void requireBackwardCompatible(List<EventContract> versions) {
        for (int newer = 1; newer < versions.size(); newer++) {
            for (int older = 0; older < newer; older++) {
                EventContract reader = versions.get(newer);
                EventContract writer = versions.get(older);
                SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(
                        reader.payloadSchema(), writer.payloadSchema());
                List<Incompatibility> problems = result.getResult().getIncompatibilities();
                if (!problems.isEmpty()) {
                    Incompatibility first = problems.get(0);
                    throw LakeErrors.contractIncompatible(reader.eventType(), writer.version(), reader.version(),
                            fieldAt(reader.payloadSchema(), first),
                            first.getType() + ": " + first.getMessage());
                }
            }
        }
    }

    /**
     * The dotted field path an incompatibility points at. Avro reports a JSON-pointer-like location into the
     * reader schema, e.g. {@code /fields/4/type/items/fields/1} for {@code lines.quantity}.
     */
    static String fieldAt(Schema reader, Incompatibility problem) {
        List<String> path = new ArrayList<>();
        Schema current = reader;
        String[] tokens = problem.getLocation().split("/");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                continue;
            }
            switch (token) {
                case "fields" -> {
                    if (i + 1 < tokens.length && current.getType() == Schema.Type.RECORD) {
                        Schema.Field field = current.getFields().get(Integer.parseInt(tokens[++i]));
                        path.add(field.name());
                        current = field.schema();
                    }
                }
                case "items" -> current = current.getElementType();
                case "values" -> current = current.getValueType();
                case "type" -> { }
                default -> {
                    if (current.getType() == Schema.Type.UNION && token.chars().allMatch(Character::isDigit)) {
                        current = current.getTypes().get(Integer.parseInt(token));
                    }
                }
            }
        }
        return path.isEmpty() ? "(root)" : String.join(".", path);
    }
}
