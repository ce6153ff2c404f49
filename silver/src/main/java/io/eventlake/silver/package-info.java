/**
 * Silver: typed, conformed, de-duplicated events and entity history, read incrementally from bronze. So far this
 * module holds the pieces its jobs stand on: contract-driven upcasting ({@link io.eventlake.silver.conform}) and
 * PII tokenization ({@link io.eventlake.silver.pii}); the jobs and tables come next.
 */
package io.eventlake.silver;
