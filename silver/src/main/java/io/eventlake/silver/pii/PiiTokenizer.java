package io.eventlake.silver.pii;

import static org.apache.spark.sql.functions.udf;

import io.eventlake.errors.LakeErrors;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Replaces a personal value with a keyed token: {@code "tok_" + hex(HMAC-SHA-256(key, value))}. The same key gives
 * the same token for the same value in every run, so tokens still join; without the key a token reveals nothing.
 * Null stays null. The key comes from the environment ({@value #KEY_VARIABLE}), never from configuration files.
 */
public final class PiiTokenizer implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The environment variable holding the key. */
    public static final String KEY_VARIABLE = "EVENTLAKE_PII_KEY";
    /** Shortest key accepted. */
    public static final int MIN_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    /** One MAC per thread, built on first use (also after the tokenizer is shipped to an executor). */
    private transient ThreadLocal<Mac> macs;

    private PiiTokenizer(byte[] key) {
        this.key = key;
    }

    /** The tokenizer keyed by {@value #KEY_VARIABLE} in {@code environment}; refuses a missing or short key. */
    public static PiiTokenizer fromEnvironment(Map<String, String> environment) {
        String key = environment.get(KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw LakeErrors.piiKeyMissing(KEY_VARIABLE);
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw LakeErrors.piiKeyTooShort(KEY_VARIABLE, key.length());
        }
        return new PiiTokenizer(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The token of {@code value}; null for null. */
    public String token(String value) {
        if (value == null) {
            return null;
        }
        if (macs == null) {
            macs = ThreadLocal.withInitial(this::newMac);
        }
        return "tok_" + HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        }
    }

    /** {@link #token} as a Spark column expression over a string column. */
    public Column tokenize(Column value) {
        UserDefinedFunction function = udf((UDF1<String, String>) this::token, DataTypes.StringType);
        return function.apply(value);
    }

    @Override
    public String toString() {
        return "PiiTokenizer[key from " + KEY_VARIABLE + "]"; // never the key
    }
}
