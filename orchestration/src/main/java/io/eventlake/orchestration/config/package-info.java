/**
 * Configuration: HOCON files and overrides read once, at start-up, into typed records
 * ({@link io.eventlake.orchestration.config.LakeSettings}). A missing, malformed or unknown setting fails here,
 * naming the key, the value and what is allowed; nothing past this package reads configuration.
 */
package io.eventlake.orchestration.config;
