package io.atomicmigrate.sandbox.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The three output formats of PIPEDRIVE.md 5.1, all UTC, second precision. */
public final class Timestamps {
    private static final DateTimeFormatter V1 = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter V2 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LEAD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** v1 entities: {@code 2019-12-09 13:59:21}. */
    public static String v1(Instant t) {
        return t == null ? null : V1.format(t);
    }

    /** v2 entities: {@code 2021-01-01T00:00:00Z}. Hand-rolled: it runs for every row of every list. */
    public static String v2(Instant t) {
        if (t == null) {
            return null;
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            return V2.format(t);
        }
        char[] c = new char[20];
        digits(c, 0, d.getYear(), 4);
        c[4] = '-';
        digits(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, d.getHour(), 2);
        c[13] = ':';
        digits(c, 14, d.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, d.getSecond(), 2);
        c[19] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** v1 leads and lead labels: ISO with milliseconds. */
    public static String lead(Instant t) {
        return t == null ? null : LEAD.format(t);
    }

    /** RFC 3339 input, truncated to seconds; null when unparseable. */
    public static Instant parseRfc3339(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DD HH:MM:SS} input (UTC); null when unparseable. */
    public static Instant parseV1(String s) {
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Either format; null when neither parses. */
    public static Instant parseEither(String s) {
        Instant t = parseRfc3339(s);
        return t != null ? t : parseV1(s);
    }

    public static boolean isDate(String s) {
        try {
            LocalDate.parse(s);
            return s.length() == 10;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    public static boolean isTime(String s) {
        try {
            LocalTime.parse(s);
            return s.length() == 8 || s.length() == 5;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
