/** placeholder */
package io.eventlake.orchestration;
