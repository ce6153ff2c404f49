/**
 * Personal data: keyed tokens (HMAC-SHA-256) that replace e-mail addresses and other personal fields, consistent
 * across runs so joins still work ({@link io.eventlake.silver.pii.PiiTokenizer}).
 */
package io.eventlake.silver.pii;
