/**
 * Gold: what people consume. {@link io.eventlake.gold.sales} holds the BI aggregate {@code daily_store_sales},
 * refreshed incrementally from silver's change data feed; the input versions of every refresh are committed with
 * it ({@link io.eventlake.gold.RefreshInputs}).
 */
package io.eventlake.gold;
