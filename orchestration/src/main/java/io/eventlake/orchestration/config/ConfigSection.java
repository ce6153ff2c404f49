package io.eventlake.orchestration.config;

/**
 * A part of the configuration that a program built on eventlake reads beside {@link LakeSettings}: the dev tools'
 * {@code eventlake.generator} and {@code eventlake.local-kafka} are one. Its defaults live in a file of their own
 * next to {@code application.conf} (in the conf folder, and under {@code eventlake-conf/} in the jar that holds the
 * section), so the production jar neither ships nor accepts them.
 *
 * <p>{@link LakeConfig} layers the section's defaults over {@code application.conf} (beneath the environment file,
 * {@code --conf-file} and {@code --set}), reads it with the same checks as every other setting, and still rejects
 * any key under {@code eventlake} that neither it nor a section read.
 *
 * @param <T> the typed settings of the section
 */
public interface ConfigSection<T> {

    /** The file of the section's defaults, e.g. {@code devtools.conf}. */
    String defaultsFile();

    /** Reads and checks every setting of the section; a bad one fails naming the key, the value and a fix. */
    T read(ConfigReader config);
}
