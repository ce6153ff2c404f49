package io.eventlake.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.eventlake.errors.LakeErrors;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.Column;

/**
 * A half-open range of event time, {@code [from, to)} in UTC: what a backfill rebuilds. The range's days are the
 * UTC dates it touches ({@link #firstDay()} to {@link #lastDay()}), the partitions of the tables partitioned by
 * event date. Only {@link #parse} reads a range from text.
 *
 * @param from the first instant in the range
 * @param to   the first instant after it
 */
public record EventTimeRange(Instant from, Instant to) {
    public EventTimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("an event-time range ends after it starts: " + from + " .. " + to);
        }
    }

    /**
     * The range of two option values, each an ISO instant ({@code 2026-11-01T06:00:00Z}) or a UTC date
     * ({@code 2026-11-01}: its start). {@code --to} is exclusive, as an Airflow data interval's end is.
     */
    public static EventTimeRange parse(String fromOption, String from, String toOption, String to) {
        Instant start = instant(fromOption, from);
        Instant end = instant(toOption, to);
        if (!start.isBefore(end)) {
            throw LakeErrors.optionsConflict(fromOption + " " + from + " is not before " + toOption + " " + to
                            + " (the range is " + fromOption + " inclusive to " + toOption + " exclusive).",
                    "lake backfill " + fromOption + " 2026-11-01 " + toOption + " 2026-11-08");
        }
        return new EventTimeRange(start, end);
    }

    private static Instant instant(String option, String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw LakeErrors.optionInvalid(option, text, "a UTC date (2026-11-01) or an ISO instant "
                    + "(2026-11-01T06:00:00Z)", "lake backfill " + option + " 2026-11-01 ...");
        }
    }

    /** The UTC date of {@link #from}. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    /** The UTC date of the range's last instant. */
    public LocalDate lastDay() {
        return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    }

    /** Whether the timestamp column {@code time} is in the range. */
    public Column contains(Column time) {
        return time.geq(lit(Timestamp.from(from))).and(time.lt(lit(Timestamp.from(to))));
    }

    /** Whether the date column {@code date} is one of the range's days. */
    public Column containsDay(Column date) {
        return date.between(lit(java.sql.Date.valueOf(firstDay())), lit(java.sql.Date.valueOf(lastDay())));
    }

    /** Whether the date column named {@code date} is one of the range's days. */
    public Column containsDay(String date) {
        return containsDay(col(date));
    }

    /** The range as text, {@code <from>/<to>} (ISO-8601 interval notation, as recorded in runs and commit tags). */
    public String text() {
        return from + "/" + to;
    }

    /** The range of {@link #text()}; empty when it is not one. */
    public static java.util.Optional<EventTimeRange> ofText(String text) {
        int slash = text.indexOf('/');
        try {
            Instant start = Instant.parse(text.substring(0, slash));
            Instant end = Instant.parse(text.substring(slash + 1));
            return start.isBefore(end) ? java.util.Optional.of(new EventTimeRange(start, end))
                    : java.util.Optional.empty();
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
