package io.eventlake.silver.fact;

import static io.eventlake.silver.SilverTestLake.read;
import static io.eventlake.silver.SilverTestLake.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eventlake.quality.Constraint;
import io.eventlake.quality.Gate;
import io.eventlake.quality.Level;
import io.eventlake.quality.QualityGates;
import io.eventlake.quality.Rule;
import io.eventlake.silver.SilverQuarantineTable;
import io.eventlake.silver.SilverRunMetrics;
import io.eventlake.silver.SilverTestLake;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * An order and its lines go together through the quality gates of silver.orders and silver.order_lines (the shipped
 * rules' shapes): a rule of either table quarantines the event from both, with the same reason.
 */
@Tag("job")
class SilverOrderGatesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private static String order(String eventId, int lines, int quantity) {
        String line = "{\"sku\": \"sku-1\", \"quantity\": " + quantity + ", \"unit_price\": 2.50}";
        return SilverTestLake.event(eventId, "order_placed", 1, "2026-11-20T07:00:00Z", "{\"order_id\": \"o-"
                + eventId + "\", \"customer_id\": \"c-1\", \"store_id\": \"s-1\", \"currency\": \"EUR\", \"lines\": ["
                + IntStream.range(0, lines).mapToObj(i -> line).collect(Collectors.joining(", ")) + "]}");
    }

    /** "target event_id reasons" of every quarantine row, sorted. */
    private static List<String> quarantine(SilverTestLake lake) {
        return read(lake.settings.quarantine()).select(functions.concat_ws(" ",
                        functions.col(SilverQuarantineTable.TARGET_TABLE), functions.col(SilverQuarantineTable.EVENT_ID),
                        functions.concat_ws(",", functions.col(SilverQuarantineTable.REASONS))))
                .as(Encoders.STRING()).collectAsList().stream().sorted().toList();
    }

    @Test
    void aRuleOfEitherTableQuarantinesTheOrderAndItsLinesTogether() {
        SilverTestLake lake = new SilverTestLake("order-gates");
        String orders = lake.settings.tables().orders().name();
        String lines = lake.settings.tables().orderLines().name();
        QualityGates quality = SilverTestLake.quality(lake.settings)
                .with(new Gate(orders, List.of(new Rule("has_lines", Level.QUARANTINE,
                        new Constraint.Range("line_count", 1, 500)))))
                .with(new Gate(lines, List.of(new Rule("quantity_plausible", Level.QUARANTINE,
                        new Constraint.Range("quantity", 1, 1000)))));
        // "twice": one event id on two records of different content (a producer reusing an id); the first counts
        String mixed = order("mixed", 1, 2).replace("\"lines\": [", "\"lines\": [{\"sku\": \"sku-2\", "
                + "\"quantity\": 5000, \"unit_price\": 1.00}, "); // one plausible line, one not: the order goes whole
        // a negative total (1 x 10.00 and -3 x 20.00) must stop here, or gold's revenue audit blocks the sales table
        String negative = order("negative", 0, 0).replace("\"lines\": []", "\"lines\": [{\"sku\": \"sku-1\", "
                + "\"quantity\": 1, \"unit_price\": 10.00}, {\"sku\": \"sku-2\", \"quantity\": -3, "
                + "\"unit_price\": 20.00}]");
        lake.bronze(T0, order("big", 16_000, 1), order("bulk", 2, 5000), order("ok", 3, 2), order("twice", 2, 1),
                order("twice", 3, 1), mixed, negative);

        run(new SilverOrdersJob(lake.context(new SilverRunMetrics(), quality)),
                new SilverOrderLinesJob(lake.context(new SilverRunMetrics(), quality)));

        assertEquals(List.of("ok", "twice"), read(lake.settings.tables().orders()).select("event_id").orderBy("event_id")
                .as(Encoders.STRING()).collectAsList());
        assertEquals(List.of("ok", "twice"), read(lake.settings.tables().orderLines()).select("event_id").distinct()
                .orderBy("event_id").as(Encoders.STRING()).collectAsList(), "no line of a quarantined order");
        assertEquals(2, read(lake.settings.tables().orderLines()).where("event_id = 'twice'").count(),
                "the lines of the copy the order row came from (2 lines), not a mix of both copies");
        assertEquals(2, (int) read(lake.settings.tables().orders()).where("event_id = 'twice'").first()
                .<Integer>getAs("line_count"));
        assertEquals(List.of(
                lines + " big quality:has_lines",
                lines + " bulk quality:quantity_plausible",
                lines + " mixed quality:quantity_plausible",
                lines + " negative quality:quantity_plausible",
                orders + " big quality:has_lines",
                orders + " bulk quality:quantity_plausible",
                orders + " mixed quality:quantity_plausible",
                orders + " negative quality:quantity_plausible"), quarantine(lake));
    }
}
