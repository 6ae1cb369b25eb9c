package io.atomicmigrate.extractor.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A credential as it travels through the service: its {@code toString} and its JSON form are a
 * mask, so a log line, an exception message or a serialised object can never carry the value.
 * Only {@link #reveal()} gives it out, at the point where a driver needs it.
 */
public final class Secret {

    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Secret of(String value) {
        return value == null ? null : new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /** Blank secrets count as absent: an empty password field in a form is not a password. */
    public static boolean present(Secret secret) {
        return secret != null && !secret.isBlank();
    }

    @JsonValue
    @Override
    public String toString() {
        return MASK;
    }

    /** Replaces every occurrence of the given secrets in a text (a driver message, say) by the mask. */
    public static String mask(String text, Secret... secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Secret s : secrets) {
            if (present(s) && s.value.length() >= 3) {
                result = result.replace(s.value, MASK);
            }
        }
        return result;
    }
}
