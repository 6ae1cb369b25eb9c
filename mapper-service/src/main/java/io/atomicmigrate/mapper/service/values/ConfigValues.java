package io.atomicmigrate.mapper.service.values;

import java.util.Locale;

/** Atomic CRM's slug rule (src/lib/toSlug.ts), used to match legacy label-valued rows to config values. */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** lowercase; each run outside a-z0-9 becomes one '-'; no leading or trailing '-'. */
    public static String toSlug(String label) {
        String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.replaceAll("^-+", "").replaceAll("-+$", "");
    }
}
