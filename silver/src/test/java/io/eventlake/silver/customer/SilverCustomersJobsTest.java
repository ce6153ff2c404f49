package io.eventlake.silver.customer;

import static io.eventlake.silver.SilverTestLake.event;
import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.eventlake.silver.BatchMetrics;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import io.eventlake.table.TableLocation;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** Customer history (SCD2) and current customers (SCD1) from real bronze tables, updates in any order. */
@Tag("job")
class SilverCustomersJobsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final String U1 = update("u1", "c-1", "10:00:00", "BRONZE", "ada@example.com");
    private static final String U2 = update("u2", "c-1", "11:00:00", "SILVER", "ada@example.com");
    private static final String U3 = update("u3", "c-1", "12:00:00", "GOLD", "ada.l@example.com");
    /** Same instant as u3: the tie goes to the greater event id. */
    private static final String U4 = update("u4", "c-1", "12:00:00", "PLATINUM", "ada.l@example.com");
    private static final String OTHER = event("w1", "customer_updated", 2, "2026-11-20T09:00:00Z",
            "{\"customer_id\": \"c-2\", \"email\": \" grace@example.com \", \"full_name\": \"Grace H\","
                    + " \"country\": \"us\", \"phone\": \"+1 555 0100\"}");

    private static String update(String eventId, String customer, String time, String tier, String email) {
        return event(eventId, "customer_updated", 1, "2026-11-20T" + time + "Z", "{\"customer_id\": \"" + customer
                + "\", \"email\": \"" + email + "\", \"full_name\": \"Ada Lovelace\", \"country\": \"GB\","
                + " \"loyalty_tier\": \"" + tier + "\"}");
    }

    private static void runBoth(SilverTestLake lake, SilverRunMetrics metrics) {
        run(new SilverCustomersJob(lake.context(metrics)), new SilverCustomersCurrentJob(lake.context(metrics)));
    }

    /** (event id, valid_from, valid_to, is_current, tier) of c-1's versions, in validity order. */
    private static List<String> history(TableLocation customers) {
        List<String> versions = new ArrayList<>();
        for (Row row : read(customers).where(col("customer_id").equalTo("c-1")).orderBy("valid_from", "event_id")
                .collectAsList()) {
            Timestamp to = row.getAs(SilverCustomersTable.VALID_TO);
            versions.add(row.getAs("event_id") + " " + row.<Timestamp>getAs("valid_from").toInstant() + ".."
                    + (to == null ? "" : to.toInstant()) + (row.<Boolean>getAs("is_current") ? " current" : "") + " "
                    + row.getAs("loyalty_tier"));
        }
        return versions;
    }

    private static final List<String> EXPECTED_HISTORY = List.of(
            "u1 2026-11-20T10:00:00Z..2026-11-20T11:00:00Z BRONZE",
            "u2 2026-11-20T11:00:00Z..2026-11-20T12:00:00Z SILVER",
            "u3 2026-11-20T12:00:00Z..2026-11-20T12:00:00Z GOLD",
            "u4 2026-11-20T12:00:00Z.. current PLATINUM");

    @Test
    void aLateOlderUpdateTakesItsPlaceInHistoryAndDoesNotBecomeCurrent() {
        SilverTestLake lake = new SilverTestLake("silver-customers");
        SilverRunMetrics metrics = new SilverRunMetrics();
        lake.bronze(T0, U1, U3, OTHER);
        runBoth(lake, metrics);
        assertEquals(List.of("u1 2026-11-20T10:00:00Z..2026-11-20T12:00:00Z BRONZE",
                "u3 2026-11-20T12:00:00Z.. current GOLD"), history(lake.settings.tables().customers()));

        lake.bronze(T0.plusSeconds(60), U2, U3); // u2 is late (older than u3), u3 is a duplicate
        runBoth(lake, metrics);
        // u1 re-sent days later by a producer, with a later occurred_at (and another country): the same event
        String resent = update("u1", "c-1", "23:00:00", "BRONZE", "ada@example.com").replace("\"GB\"", "\"DE\"");
        lake.bronze(T0.plus(java.time.Duration.ofDays(3)), U4, U4, resent);
        runBoth(lake, metrics);

        assertEquals(EXPECTED_HISTORY, history(lake.settings.tables().customers()));
        assertEquals(new BatchMetrics(8, 3, 5, 0), metrics.totals(SilverCustomersJob.NAME),
                "u3 again, u4 twice and the re-sent u1 dropped; 5 versions");
        Row current = read(lake.settings.tables().customersCurrent()).where(col("customer_id").equalTo("c-1")).first();
        assertEquals("u4", current.getAs(SilverCustomersCurrentTable.EVENT_ID));
        assertEquals("PLATINUM", current.getAs(SilverCustomersCurrentTable.LOYALTY_TIER),
                "the re-sent u1, dated later, changes nothing: it is a duplicate");
        assertEquals("GB", current.getAs(SilverCustomersCurrentTable.COUNTRY));
        assertEquals(2, read(lake.settings.tables().customersCurrent()).count(), "one row per customer");
        Row grace = read(lake.settings.tables().customersCurrent()).where(col("customer_id").equalTo("c-2")).first();
        assertEquals("US", grace.getAs(SilverCustomersCurrentTable.COUNTRY));
        assertEquals(SilverTestLake.TOKENIZER.token("grace@example.com"),
                grace.getAs(SilverCustomersCurrentTable.EMAIL_TOKEN), "the trimmed email's token, same every run");
        assertEquals(SilverTestLake.TOKENIZER.token("+1 555 0100"), grace.getAs(SilverCustomersCurrentTable.PHONE_TOKEN));
        Row adaOld = read(lake.settings.tables().customers()).where(col("event_id").equalTo("u1")).first();
        assertNull(adaOld.getAs(SilverCustomersTable.PHONE_TOKEN), "version-1 updates have no phone");
        assertFalse(adaOld.<Boolean>getAs(SilverCustomersTable.IS_CURRENT));
    }

    @Test
    void theSameUpdatesInReverseOrderGiveTheSameTables() {
        SilverTestLake lake = new SilverTestLake("silver-customers-reverse");
        SilverRunMetrics metrics = new SilverRunMetrics();
        for (String update : List.of(U4, U3, U2, U1)) {
            lake.bronze(T0, update);
            runBoth(lake, metrics);
        }
        assertEquals(EXPECTED_HISTORY, history(lake.settings.tables().customers()));
        assertEquals(1, read(lake.settings.tables().customers()).where(col("is_current")).count());
        Row current = read(lake.settings.tables().customersCurrent()).first();
        assertEquals("u4", current.getAs(SilverCustomersCurrentTable.EVENT_ID), "older updates arriving later lose");
        assertEquals(new BatchMetrics(4, 0, 1, 0), metrics.totals(SilverCustomersCurrentJob.NAME),
                "u4 inserted; u3, u2, u1 older: not applied");
    }
}
