/**
 * What every command checks of the lake before it starts: that it may write there (the file system is writable and
 * has room) and that no other process uses the same local lake root ({@link io.eventlake.orchestration.guard.LakeLock}).
 */
package io.eventlake.orchestration.guard;
