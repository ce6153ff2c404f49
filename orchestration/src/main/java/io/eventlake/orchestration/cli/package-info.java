/**
 * The command line: {@link io.eventlake.orchestration.cli.LakeCommand} is the one main class, for {@code ./lake}
 * and for {@code spark-submit --class}. Commands only wire settings, session and jobs together.
 */
package io.eventlake.orchestration.cli;
