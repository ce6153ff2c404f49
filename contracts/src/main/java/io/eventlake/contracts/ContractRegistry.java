package io.eventlake.contracts;

import io.eventlake.errors.LakeErrors;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * All event contracts, loaded once and checked at start-up.
 *
 * <p>Input: a folder (or the {@code contracts/} folder packaged in the jar) holding {@code envelope.avsc} and
 * {@code <event_type>/v<N>.avsc} payload schemas. Loading fails with a clear error when a file is not a valid
 * Avro record, when a payload field would clash with an envelope field, or when a newer version of a type cannot
 * read an older one ({@link ContractCompatibility}).
 */
public final class ContractRegistry implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The location value meaning "the contracts packaged in the jar". */
    public static final String CLASSPATH = "classpath";
    /** The envelope's JSON field holding the payload. */
    public static final String PAYLOAD_FIELD = "payload";
    /** Reserved for the lineage columns of typed tables built from the events (silver). */
    public static final String SOURCE_FIELD = "source";

    private static final String ENVELOPE_FILE = "envelope.avsc";
    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*");

    private final Schema envelope;
    private final Map<String, SortedMap<Integer, EventContract>> contracts;

    private ContractRegistry(Schema envelope, Map<String, SortedMap<Integer, EventContract>> contracts) {
        this.envelope = envelope;
        this.contracts = contracts;
    }

    /**
     * Loads the contracts from {@code location}: {@value #CLASSPATH} for the ones packaged in the jar, otherwise
     * a local folder.
     */
    public static ContractRegistry load(String location) {
        if (CLASSPATH.equals(location)) {
            return loadFromClasspath();
        }
        Path folder = Path.of(location);
        if (!Files.isDirectory(folder)) {
            throw LakeErrors.contractsNotFound(location);
        }
        return loadFrom(folder, location);
    }

    private static ContractRegistry loadFromClasspath() {
        URL marker = ContractRegistry.class.getClassLoader().getResource("contracts/" + ENVELOPE_FILE);
        if (marker == null) {
            throw LakeErrors.contractsNotFound("classpath:contracts/");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                return loadFromJar(uri);
            }
            return loadFrom(Path.of(uri).getParent(), uri.toString());
        } catch (URISyntaxException | IOException e) {
            throw LakeErrors.contractInvalid(marker.toString(), "it cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads the contracts inside a jar; one thread at a time, as the JDK allows one file system per jar. */
    private static synchronized ContractRegistry loadFromJar(URI uri) throws IOException {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            return loadFrom(jar.provider().getPath(uri).getParent(), uri.toString());
        } catch (FileSystemAlreadyExistsException e) { // opened by someone else: use it, leave it open
            return loadFrom(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent(), uri.toString());
        }
    }

    private static ContractRegistry loadFrom(Path folder, String location) {
        Path envelopeFile = folder.resolve(ENVELOPE_FILE);
        if (!Files.isRegularFile(envelopeFile)) {
            throw LakeErrors.contractsNotFound(location);
        }
        Schema envelope = parseRecord(envelopeFile);
        Set<String> reserved = new java.util.HashSet<>();
        envelope.getFields().forEach(f -> reserved.add(f.name()));
        reserved.add(PAYLOAD_FIELD);
        reserved.add(SOURCE_FIELD);

        Map<String, SortedMap<Integer, EventContract>> contracts = new TreeMap<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path typeFolder : entries.filter(Files::isDirectory).sorted().toList()) {
                String eventType = typeFolder.getFileName().toString().replace("/", "");
                if (!EVENT_TYPE.matcher(eventType).matches()) {
                    throw LakeErrors.contractInvalid(typeFolder.toString(),
                            "event type folders are lower_snake_case names", null);
                }
                SortedMap<Integer, EventContract> versions = new TreeMap<>();
                try (Stream<Path> files = Files.list(typeFolder)) {
                    for (Path file : files.sorted().toList()) {
                        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                        if (!m.matches()) {
                            throw LakeErrors.contractInvalid(file.toString(),
                                    "files in an event type folder are named v<N>.avsc (N = 1, 2, ...)", null);
                        }
                        Schema payload = parseRecord(file);
                        for (Schema.Field field : payload.getFields()) {
                            if (reserved.contains(field.name())) {
                                throw LakeErrors.contractInvalid(file.toString(), "payload field '" + field.name()
                                        + "' clashes with an envelope field of the same name", null);
                            }
                        }
                        int version = Integer.parseInt(m.group(1));
                        versions.put(version, new EventContract(eventType, version, payload));
                    }
                }
                if (versions.isEmpty()) {
                    throw LakeErrors.contractInvalid(typeFolder.toString(), "it holds no v<N>.avsc file", null);
                }
                ContractCompatibility.requireBackwardCompatible(new ArrayList<>(versions.values()));
                contracts.put(eventType, Collections.unmodifiableSortedMap(versions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (contracts.isEmpty()) {
            throw LakeErrors.contractsNotFound(location);
        }
        return new ContractRegistry(envelope, Collections.unmodifiableMap(contracts));
    }

    private static Schema parseRecord(Path file) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(Files.readString(file));
        } catch (SchemaParseException e) {
            throw LakeErrors.contractInvalid(file.toString(), "it is not a valid Avro schema: " + e.getMessage(), e);
        } catch (IOException e) {
            throw LakeErrors.contractInvalid(file.toString(), "it cannot be read: " + e.getMessage(), e);
        }
        if (schema.getType() != Schema.Type.RECORD) {
            throw LakeErrors.contractInvalid(file.toString(), "its top-level type is " + schema.getType()
                    + ", not a record", null);
        }
        return schema;
    }

    /** The envelope schema (without the payload field). */
    public Schema envelope() {
        return envelope;
    }

    /** Event types in name order. */
    public Set<String> eventTypes() {
        return contracts.keySet();
    }

    public boolean knows(String eventType) {
        return contracts.containsKey(eventType);
    }

    public Optional<EventContract> find(String eventType, int version) {
        SortedMap<Integer, EventContract> versions = contracts.get(eventType);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** Versions of a type, ascending. Empty when the type is unknown. */
    public List<EventContract> versions(String eventType) {
        SortedMap<Integer, EventContract> versions = contracts.get(eventType);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The newest contract of a known type. */
    public EventContract latest(String eventType) {
        SortedMap<Integer, EventContract> versions = contracts.get(eventType);
        if (versions == null) {
            throw new IllegalArgumentException("unknown event type " + eventType);
        }
        return versions.get(versions.lastKey());
    }
}
