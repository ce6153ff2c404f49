package io.eventlake.devtools.config;

import io.eventlake.tools.kafka.LocalKafkaBroker;
import java.nio.file.Path;

/**
 * The local broker of {@code ./lake kafka} and the demo.
 *
 * @param port           client port on 127.0.0.1
 * @param controllerPort KRaft controller port on 127.0.0.1
 * @param maxHeap        the broker JVM's -Xmx
 * @param classpathFile  the broker's classpath, written by the build
 */
public record LocalKafkaSettings(int port, int controllerPort, String maxHeap, Path classpathFile) {

    /** The broker settings for a data directory. */
    public LocalKafkaBroker.Settings broker(Path dataDir) {
        return new LocalKafkaBroker.Settings(dataDir, port, controllerPort, classpathFile, maxHeap);
    }
}
