package io.eventlake.gold.features;

import static org.apache.spark.sql.functions.col;

import io.eventlake.errors.LakeErrors;
import io.eventlake.table.CommitTag;
import io.eventlake.table.DeltaCommits;
import io.eventlake.table.DeltaTables;
import io.eventlake.table.TableLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds a training set ({@link TrainingSet}) into a Delta table and records in its commit the exact version of
 * every Delta table it read ({@link io.eventlake.table.CommitTag.TrainingSet}), and
 * the SHA-256 of a labels file, so the same build with those versions ({@code --as-of-versions}) gives the
 * identical set later, whatever landed since.
 *
 * <p>Labels: a Delta table (a name registered in the catalog, or a path holding {@code _delta_log}) or a CSV file
 * with a header {@code customer_id,label_time,label}.
 */
public final class TrainingSetBuilder {
    /** The key of the labels in the recorded versions. */
    public static final String LABELS = "labels";
    private static final StructType LABEL_FILE = new StructType()
            .add(TrainingSet.CUSTOMER_ID, DataTypes.StringType)
            .add(TrainingSet.LABEL_TIME, DataTypes.TimestampType)
            .add(TrainingSet.LABEL, DataTypes.StringType);

    private final TableLocation features;

    public TrainingSetBuilder(TableLocation features) {
        this.features = features;
    }

    /**
     * What a build wrote.
     *
     * @param rows            labels written (one row each)
     * @param withoutFeatures labels with no feature row before them (features null)
     * @param versions        the Delta versions read, by table ({@value #LABELS} for a Delta labels table)
     * @param labelsSha256    the labels file's digest; null for a Delta labels table
     */
    public record Result(long rows, long withoutFeatures, Map<String, Long> versions, String labelsSha256) {
        /** The option that rebuilds this set. */
        public String asOfVersions() {
            StringBuilder text = new StringBuilder();
            versions.forEach((table, version) -> text.append(text.length() == 0 ? "" : ",").append(table)
                    .append('=').append(version));
            return "--as-of-versions " + text;
        }
    }

    /**
     * @param labels the labels' location: a table name, a Delta path or a CSV file
     * @param out    where the set is written (a Delta table, replaced)
     * @param asOf   versions to read instead of the current ones (by table name, {@value #LABELS}); empty for now
     */
    public Result build(SparkSession spark, String labels, String out, Map<String, Long> asOf) {
        if (!DeltaTables.exists(spark, features)) {
            throw LakeErrors.tableMissing(features.name(), features.path(), "The training set",
                    "refresh gold first: ./lake gold.");
        }
        Map<String, Long> versions = new LinkedHashMap<>();
        long featuresVersion = asOf.getOrDefault(features.name(), DeltaCommits.currentVersion(spark, features));
        versions.put(features.name(), featuresVersion);
        Dataset<Row> featureRows = spark.read().format("delta").option("versionAsOf", featuresVersion)
                .load(features.path());

        String sha256 = null;
        Dataset<Row> labelRows;
        boolean tableName = labels.matches("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)?") && spark.catalog().tableExists(labels);
        String labelPath = tableName
                ? spark.sql("DESCRIBE DETAIL " + labels).select("location").first().getString(0) : labels;
        if (DeltaTables.exists(spark, new TableLocation("labels.delta", labelPath))) {
            long labelsVersion = asOf.getOrDefault(LABELS,
                    DeltaCommits.currentVersion(spark, new TableLocation("labels.delta", labelPath)));
            versions.put(LABELS, labelsVersion);
            labelRows = spark.read().format("delta").option("versionAsOf", labelsVersion).load(labelPath)
                    .select(col(TrainingSet.CUSTOMER_ID), col(TrainingSet.LABEL_TIME).cast(DataTypes.TimestampType)
                            .as(TrainingSet.LABEL_TIME), col(TrainingSet.LABEL));
        } else {
            sha256 = sha256(spark, labelPath);
            labelRows = spark.read().option("header", "true").schema(LABEL_FILE).option("mode", "FAILFAST")
                    .csv(labelPath);
        }

        Dataset<Row> set = TrainingSet.join(labelRows, featureRows);
        CommitTag tag = new CommitTag.TrainingSet(versions, Optional.ofNullable(sha256));
        set.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
                .option("userMetadata", DeltaCommits.metadata(spark, tag)).save(out);
        Dataset<Row> written = spark.read().format("delta").load(out);
        return new Result(written.count(), written.where(col(CustomerFeaturesTable.FEATURE_DATE).isNull()).count(),
                versions, sha256);
    }

    private static String sha256(SparkSession spark, String file) {
        try {
            Path path = new Path(file);
            FileSystem fs = path.getFileSystem(spark.sessionState().newHadoopConf());
            if (!fs.isFile(path)) {
                throw LakeErrors.tableMissing(file, file, "The training set",
                        "give --labels a table name, a Delta table path or a CSV file with the header "
                                + "customer_id,label_time,label.");
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(fs.open(path), digest)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java 17 runtime", e);
        }
    }
}
