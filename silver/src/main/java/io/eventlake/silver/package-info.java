/**
 * Silver: the next layer of the medallion, built by its own issue. Nothing is implemented here yet; the module
 * exists so the dependency chain quality &lt;- bronze &lt;- silver &lt;- gold &lt;- orchestration is in place.
 */
package io.eventlake.silver;
