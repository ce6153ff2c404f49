/** placeholder */
package io.eventlake.silver;
