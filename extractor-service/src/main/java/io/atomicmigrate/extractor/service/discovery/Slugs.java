package io.atomicmigrate.extractor.service.discovery;

import java.util.Locale;

/** Upstream's {@code toSlug} (ATOMIC_CRM.md §5.6): how label-valued rows map to config values. */
public final class Slugs {

    private Slugs() {
    }

    /** Lowercase; each run of characters outside a-z0-9 becomes one '-'; no leading or trailing '-'. */
    public static String toSlug(String label) {
        String slug = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return slug.replaceAll("^-+", "").replaceAll("-+$", "");
    }
}
