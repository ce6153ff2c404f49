/** Sales aggregates for BI: {@link io.eventlake.gold.sales.DailyStoreSalesTable} and the job refreshing it. */
package io.eventlake.gold.sales;
