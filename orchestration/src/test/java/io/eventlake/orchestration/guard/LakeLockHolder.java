package io.eventlake.orchestration.guard;

import java.util.Arrays;

/** Test hook: a second process writing the tables {@code args[2..]} of lake {@code args[0]} as run {@code args[1]}. */
public final class LakeLockHolder {
    private LakeLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (LakeLock lock = LakeLock.open(args[0], "lake pipeline --available-now (test holder)", 0)) {
            lock.write(Arrays.asList(args).subList(2, args.length));
            lock.recordRun(args[1]);
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input or kills us
            }
        }
    }
}
