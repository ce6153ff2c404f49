/**
 * The dev tools' own settings ({@link io.eventlake.devtools.config.DevSettings}), read through the production
 * configuration loader as a section of their own, with defaults in {@code conf/devtools.conf}.
 */
package io.eventlake.devtools.config;
