package io.atomicmigrate.mapper.service.values;

import java.util.Locale;
import java.util.regex.Pattern;

/** What counts as an e-mail address Pipedrive will accept, and its canonical (dedup) form. */
public final class EmailAddresses {

    // Deliberately simple: one @, a dotted domain, no spaces, no empty labels. Pipedrive rejects
    // far less than RFC 5322 allows, and the dirty data we see fails much more obviously than that.
    private static final Pattern VALID = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private EmailAddresses() {
    }

    /** Trimmed and lowercased (sales.email is citext; contacts' are lowercased only since 2026-03). */
    public static String canonical(String raw) {
        return raw == null ? null : raw.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String canonical) {
        return canonical != null && canonical.length() <= 254 && !canonical.contains("..")
                && !canonical.startsWith(".") && !canonical.contains(".@") && VALID.matcher(canonical).matches();
    }
}
