/**
 * The dev tools' commands ({@code generate}, {@code kafka}, {@code demo}, {@code bench}) and the {@code ./lake} main
 * that adds them to the production CLI ({@link io.eventlake.devtools.cli.DevLakeCommand}).
 */
package io.eventlake.devtools.cli;
