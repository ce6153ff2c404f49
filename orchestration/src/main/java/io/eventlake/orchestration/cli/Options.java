package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks of option values that picocli's types do not express. A refused value's error shows the user's own
 * command line with an allowed value in its place: a command they can type.
 */
public final class Options {
    private Options() {
    }

    public static long positive(CommandSpec spec, String option, long value) {
        if (value <= 0) {
            throw LakeErrors.optionInvalid(option, value, "a whole number greater than 0",
                    retyped(spec, option, "1"));
        }
        return value;
    }

    public static double nonNegative(CommandSpec spec, String option, double value) {
        if (value < 0) {
            throw LakeErrors.optionInvalid(option, value, "a number of at least 0", retyped(spec, option, "0"));
        }
        return value;
    }

    /** The command line as the user typed it, {@code option}'s value replaced by {@code value}. */
    static String retyped(CommandSpec spec, String option, String value) {
        List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
        boolean replaced = false;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                args.set(i + 1, value);
                replaced = true;
            } else if (args.get(i).startsWith(option + "=")) {
                args.set(i, option + "=" + value);
                replaced = true;
            }
        }
        if (!replaced) {
            args.add(option);
            args.add(value);
        }
        return "./lake " + String.join(" ", args.stream().map(Options::quoted).toList());
    }

    private static String quoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
