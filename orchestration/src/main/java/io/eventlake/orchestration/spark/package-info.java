/** The one place a SparkSession is built ({@link io.eventlake.orchestration.spark.SparkSessions}). */
package io.eventlake.orchestration.spark;
