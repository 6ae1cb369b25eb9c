package io.atomicmigrate.mapper.service.values;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Source timestamps come as ISO text with any offset (to_jsonb writes the session's zone, e.g.
 * {@code 2026-03-01T09:30:00+02:00}, or Postgres' own {@code 2026-03-01 09:30:00+02}); Pipedrive
 * wants UTC at one-second precision, in RFC 3339 (v2) or {@code YYYY-MM-DD HH:MM:SS} (v1 notes).
 */
public final class UtcTimestamps {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private UtcTimestamps() {
    }

    /**
     * The instant a timestamp text denotes. Text without an offset is taken as UTC (the extractor
     * writes UTC). A bare date is midnight UTC.
     *
     * @throws IllegalArgumentException naming the text when it is no timestamp
     */
    public static Instant parse(String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            var parsed = LENIENT.parse(t);
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return OffsetDateTime.of(LocalDate.from(parsed), java.time.LocalTime.from(parsed), offset).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("'" + abbreviate(t) + "' is not a timestamp");
        }
    }

    /** RFC 3339 UTC at second precision, e.g. {@code 2026-03-01T07:30:00Z}. */
    public static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Pipedrive v1 form, UTC: {@code 2026-03-01 07:30:00}. */
    public static String v1(Instant instant) {
        return V1.format(instant);
    }

    public static String utcDate(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    public static String utcTime(Instant instant) {
        return TIME.format(instant);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
