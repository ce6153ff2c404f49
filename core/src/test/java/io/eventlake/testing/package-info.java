/** Test support shared by every module's tests (published as the quality test-jar). */
package io.eventlake.testing;
