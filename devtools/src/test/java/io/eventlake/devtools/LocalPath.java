package io.eventlake.devtools;

import io.eventlake.devtools.cli.DevLakeCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The packaged local path of {@code ./lake}: the main class on the development classpath, in a JVM of its own. */
final class LocalPath {
    private LocalPath() {
    }

    static List<String> command(List<String> args) throws IOException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xmx1g");
        java.addAll(Arrays.asList(System.getProperty("eventlake.java17-opens").trim().split("\\s+")));
        java.addAll(List.of("-Dspark.master=local[2]", "-Dspark.driver.host=127.0.0.1", "-Dspark.ui.enabled=false",
                "-cp", System.getProperty("eventlake.launcher-jar") + ":"
                        + Files.readString(Path.of(System.getProperty("eventlake.launcher-classpath"))).trim(),
                DevLakeCommand.class.getName()));
        java.addAll(args);
        return java;
    }

    /** A process builder with the output to {@code log} and a clean Spark environment. */
    static ProcessBuilder builder(List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("SPARK_HOME");
        builder.environment().remove("EVENTLAKE_ENV");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder;
    }
}
