package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import java.util.Locale;
import java.util.UUID;

/**
 * Run ids. They must be unique across every migration the platform runs at once: the extractor
 * keys its runs (and row hashes) by run id alone, so two migrations sharing one would mix their
 * extraction state. They should also be readable in logs, URLs and on the dashboard, so an id says
 * whose run it is and what kind: {@code <migration>-<kind>-<12 hex>}, e.g.
 * {@code mig-3f2a9c1e-sample-5b1c0a7d9e2f}.
 *
 * <p>The migration part is a readable prefix, not the whole id; uniqueness comes from the 48-bit
 * suffix (a random or name-based UUID), and the conductor refuses an id another migration already
 * holds rather than share it ({@code RUN_ID_TAKEN}).
 */
public final class RunIds {

    private static final int PREFIX = 12;

    private RunIds() {
    }

    /** A fresh id for a run a person asked for. */
    public static String random(String migrationId, RunKind kind) {
        return of(migrationId, kind, UUID.randomUUID());
    }

    /** The id of a run derived from what started it (the same every time, so a repeated start finds the same run). */
    public static String derived(String migrationId, RunKind kind, String... parts) {
        String[] all = new String[parts.length + 2];
        all[0] = migrationId;
        all[1] = kind.name();
        System.arraycopy(parts, 0, all, 2, parts.length);
        return of(migrationId, kind, ConductorEvents.id(all));
    }

    static String of(String migrationId, RunKind kind, UUID unique) {
        String hex = unique.toString().replace("-", "");
        return prefix(migrationId) + "-" + kind.name().toLowerCase(Locale.ROOT) + "-" + hex.substring(hex.length() - 12);
    }

    /** "mig-3f2a9c1e-77d2-…" → "mig-3f2a9c1e": letters, digits and dashes only, at most 12 characters. */
    static String prefix(String migrationId) {
        String clean = migrationId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        if (clean.length() > PREFIX) {
            clean = clean.substring(0, PREFIX);
        }
        clean = clean.replaceAll("^-+|-+$", "");
        return clean.isEmpty() ? "run" : clean;
    }
}
