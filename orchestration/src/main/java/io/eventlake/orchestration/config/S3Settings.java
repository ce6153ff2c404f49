package io.eventlake.orchestration.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object store of an {@code s3a://} lake root ({@code eventlake.s3}), as Hadoop's S3A connector settings.
 * Credentials are never among them: S3A takes them from its default chain (the {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} environment variables of the driver and the executors, an instance profile, ...).
 *
 * @param endpoint        an S3-compatible endpoint (MinIO, s3proxy, ...); null for AWS's endpoint of the region
 * @param region          the bucket's region
 * @param pathStyleAccess path-style requests ({@code http://host/bucket/key}), as most S3-compatible servers want
 * @param ssl             HTTPS to the endpoint
 */
public record S3Settings(String endpoint, String region, boolean pathStyleAccess, boolean ssl) {
    public static final String ENDPOINT = "eventlake.s3.endpoint";
    public static final String REGION = "eventlake.s3.region";
    public static final String PATH_STYLE_ACCESS = "eventlake.s3.path-style-access";
    public static final String SSL = "eventlake.s3.ssl";

    public S3Settings {
        endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
    }

    /** The Spark settings ({@code spark.hadoop.fs.s3a.*}) that give every s3a:// path of the session these. */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        if (endpoint != null) {
            conf.put("spark.hadoop.fs.s3a.endpoint", endpoint);
        }
        conf.put("spark.hadoop.fs.s3a.endpoint.region", region);
        conf.put("spark.hadoop.fs.s3a.path.style.access", Boolean.toString(pathStyleAccess));
        conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString(ssl));
        return conf;
    }
}
