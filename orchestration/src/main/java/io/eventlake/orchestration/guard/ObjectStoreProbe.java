package io.eventlake.orchestration.guard;

import io.eventlake.errors.LakeErrors;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.UnknownStoreException;
import org.apache.spark.sql.SparkSession;

/**
 * The start-up check of a lake on an object store ({@code s3a://bucket/...}): the lake root is looked up once with
 * the session's settings and credentials, so a missing bucket, refused credentials or an unreachable endpoint fail
 * the command before anything runs, with an error naming them, instead of deep in the first write. Reads only; a
 * local lake root is {@link LakeLock}'s to check.
 */
public final class ObjectStoreProbe {
    private ObjectStoreProbe() {
    }

    /** Whether {@code lakeRoot} is on an object store (a URI whose scheme is not {@code file}). */
    public static boolean isObjectStore(String lakeRoot) {
        String scheme = lakeRoot.contains("://") ? URI.create(lakeRoot).getScheme() : null;
        return scheme != null && !scheme.equals("file");
    }

    /** Looks up {@code lakeRoot} on its store; throws the user-facing error when the store refuses. */
    public static void check(SparkSession spark, String lakeRoot) {
        if (!isObjectStore(lakeRoot)) {
            return;
        }
        Path root = new Path(lakeRoot);
        try {
            FileSystem store = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            store.exists(root); // a HEAD and a LIST of the root: both need the bucket and the credentials
        } catch (UnknownStoreException e) {
            throw LakeErrors.lakeBucketMissing(lakeRoot, root.toUri().getHost(), e);
        } catch (AccessDeniedException e) {
            throw LakeErrors.lakeAccessDenied(lakeRoot, e);
        } catch (IOException | RuntimeException e) {
            throw LakeErrors.lakeUnreachable(lakeRoot, e);
        }
    }
}
