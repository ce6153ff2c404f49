package io.eventlake.orchestration.cli;

import io.eventlake.errors.LakeErrors;

/** Checks of option values that picocli's types do not express. */
final class Options {
    private Options() {
    }

    static long positive(String option, long value) {
        if (value <= 0) {
            throw LakeErrors.configInvalid(option, value, "a whole number greater than 0");
        }
        return value;
    }

    static double nonNegative(String option, double value) {
        if (value < 0) {
            throw LakeErrors.configInvalid(option, value, "a number of at least 0");
        }
        return value;
    }
}
