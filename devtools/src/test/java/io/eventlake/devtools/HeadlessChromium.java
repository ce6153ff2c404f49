package io.eventlake.devtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test hook: Debian's Chromium, headless (installed by {@code ./lake test}), opening a local page as a person's
 * browser would: the DOM after it rendered, and a screenshot.
 */
public final class HeadlessChromium {
    private static final String BINARY = "chromium";

    private HeadlessChromium() {
    }

    /** The page's DOM after Chromium loaded and rendered it. */
    public static String dom(Path page) throws IOException, InterruptedException {
        return run(page, "--dump-dom");
    }

    /** A screenshot of the page, {@code width} x {@code height} pixels, written to {@code png}. */
    public static void screenshot(Path page, Path png, int width, int height) throws IOException,
            InterruptedException {
        run(page, "--screenshot=" + png, "--window-size=" + width + "," + height, "--hide-scrollbars");
    }

    private static String run(Path page, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + Files.createTempDirectory("chromium")));
        command.addAll(List.of(options));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile("chromium", ".out");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("Chromium is not installed: ./lake test installs it (apt-get install "
                    + "chromium)", e);
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not finish " + command + " within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Chromium exited " + process.exitValue() + ": " + command);
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
