/** placeholder */
package io.eventlake.gold;
