package io.eventlake.silver.pii;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eventlake.errors.ErrorCode;
import io.eventlake.errors.LakeException;
import io.eventlake.testing.TestSpark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("unit")
class PiiTokenizerTest {
    private static final String KEY = "k".repeat(PiiTokenizer.MIN_KEY_LENGTH);
    private static final PiiTokenizer TOKENIZER = PiiTokenizer.fromEnvironment(Map.of(PiiTokenizer.KEY_VARIABLE, KEY));

    @Test
    void theSameValueAndKeyGiveTheSameTokenThatRevealsNothing() {
        String token = TOKENIZER.token("ada@example.com");

        assertEquals(token, PiiTokenizer.fromEnvironment(Map.of(PiiTokenizer.KEY_VARIABLE, KEY))
                .token("ada@example.com"), "consistent across instances (and so across runs)");
        assertTrue(token.matches("tok_[0-9a-f]{64}"), token);
        assertFalse(token.contains("ada") || token.contains("example"));
        assertNotEquals(token, TOKENIZER.token("alan@example.com"));
        assertNotEquals(token, PiiTokenizer.fromEnvironment(Map.of(PiiTokenizer.KEY_VARIABLE, "x" + KEY))
                .token("ada@example.com"), "another key, another token");
        assertNull(TOKENIZER.token(null));
        assertFalse(TOKENIZER.toString().contains(KEY));
    }

    @Test
    void theSparkColumnGivesTheSameTokens() {
        List<String> emails = Arrays.asList("ada@example.com", null, "grace@example.com");
        List<String> tokens = TestSpark.session().createDataset(emails, Encoders.STRING()).toDF("email")
                .select(TOKENIZER.tokenize(col("email"))).as(Encoders.STRING()).collectAsList();

        assertEquals(emails.stream().map(TOKENIZER::token).toList(), tokens);
    }

    @Test
    void withoutAKeyNothingStarts() {
        LakeException missing = assertThrows(LakeException.class, () -> PiiTokenizer.fromEnvironment(Map.of()));
        assertEquals(ErrorCode.PII_KEY_MISSING, missing.code());
        assertTrue(missing.getMessage().contains("EVENTLAKE_PII_KEY is not set"), missing.getMessage());

        LakeException tooShort = assertThrows(LakeException.class,
                () -> PiiTokenizer.fromEnvironment(Map.of(PiiTokenizer.KEY_VARIABLE, "secret")));
        assertTrue(tooShort.getMessage().contains("too short") && tooShort.getMessage().contains("at least 32"),
                tooShort.getMessage());
    }
}
