/**
 * Every user-facing error of eventlake, built in one place ({@link io.eventlake.errors.LakeErrors}).
 *
 * <p>Each error says what went wrong, why, and how to fix it, and carries a stable
 * {@link io.eventlake.errors.ErrorCode} so callers (the CLI's exit status, tests) classify errors by code,
 * never by message text.
 */
package io.eventlake.errors;
