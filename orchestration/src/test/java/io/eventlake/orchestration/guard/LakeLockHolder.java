package io.eventlake.orchestration.guard;

/** Test hook: a second process holding a lake's lock until its standard input closes. */
public final class LakeLockHolder {
    private LakeLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (LakeLock lock = LakeLock.acquire(args[0], "lake pipeline --available-now (test holder)", 0)) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input or kills us
            }
        }
    }
}
