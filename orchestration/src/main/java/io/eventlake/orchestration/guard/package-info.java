/**
 * What every command checks of the lake before it starts: that it may write there (the file system is writable and
 * has room), and that no other run writes the tables it writes ({@link io.eventlake.orchestration.guard.LakeLock}:
 * one lock per table, so readers and writers of other tables share the lake).
 */
package io.eventlake.orchestration.guard;
