/**
 * Point-in-time customer features for ML ({@link io.eventlake.gold.features.CustomerFeaturesTable}), defined in
 * one place ({@link io.eventlake.gold.features.CustomerFeatureDefinitions}), and training sets joined to them.
 */
package io.eventlake.gold.features;
