/**
 * {@code ./lake demo}: the whole pipeline on embedded defaults (a broker of its own, a lake folder of its own),
 * ending with a reconciliation of what was sent against what landed
 * ({@link io.eventlake.devtools.demo.BronzeReconciliation}).
 */
package io.eventlake.devtools.demo;
