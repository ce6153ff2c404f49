package io.eventlake.errors;

/**
 * An error a user of eventlake can act on. Build instances with {@link LakeErrors}; the message always says
 * what went wrong, why, and how to fix it.
 */
public final class LakeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    LakeException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
