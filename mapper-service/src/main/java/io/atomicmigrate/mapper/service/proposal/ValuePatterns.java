package io.atomicmigrate.mapper.service.proposal;

import io.atomicmigrate.mapper.service.values.EmailAddresses;
import java.util.List;
import java.util.regex.Pattern;

/** Recognises what sample values are: e-mail addresses, phone numbers, URLs, dates, numbers. */
public final class ValuePatterns {

    public enum Kind { EMAIL, PHONE, URL, DATE, NUMBER, TEXT }

    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ().\\-/]{6,24}$");
    private static final Pattern URL = Pattern.compile("^(https?://|www\\.)\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$|^\\d{1,2}/\\d{1,2}/\\d{4}$");
    private static final Pattern NUMBER = Pattern.compile("^-?\\d+([.,]\\d+)?$");

    private ValuePatterns() {
    }

    public static Kind of(String value) {
        String v = value.trim();
        if (EmailAddresses.isValid(EmailAddresses.canonical(v))) {
            return Kind.EMAIL;
        }
        if (URL.matcher(v).matches()) {
            return Kind.URL;
        }
        if (DATE.matcher(v).matches()) {
            return Kind.DATE;
        }
        if (NUMBER.matcher(v).matches()) {
            return Kind.NUMBER;
        }
        if (PHONE.matcher(v).matches() && v.chars().filter(Character::isDigit).count() >= 6) {
            return Kind.PHONE;
        }
        return Kind.TEXT;
    }

    /** The kind all (at least 90 % of) samples share, or TEXT. */
    public static Kind dominant(List<String> samples) {
        if (samples.isEmpty()) {
            return Kind.TEXT;
        }
        for (Kind kind : Kind.values()) {
            long hits = samples.stream().filter(s -> of(s) == kind).count();
            if (hits * 10 >= samples.size() * 9L) {
                return kind;
            }
        }
        return Kind.TEXT;
    }
}
