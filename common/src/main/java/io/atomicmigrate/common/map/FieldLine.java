package io.atomicmigrate.common.map;

import java.util.List;

/**
 * One line of the map: source column(s) → destination field, through a named transform.
 *
 * @param id         stable within an object, e.g. {@code contacts.email_jsonb}; edits refer to it
 * @param sources    the source column(s); several for composed values (an address from its parts)
 * @param target     where the value goes: a standard field, a custom field (with its spec) or a documented loss
 * @param transform  the named transform and its parameters
 * @param required   a row without a usable value for this line is rejected
 * @param confidence 0–1: how sure the proposer is; low values are what a reviewer should read first
 * @param reason     why, in words a reviewer understands
 * @param origin     who proposed the line: {@code standard} (built-in knowledge), {@code profile}
 *                   (custom column by type and values), {@code llm}, or {@code user}
 */
public record FieldLine(
        String id,
        List<String> sources,
        Target target,
        Transform transform,
        boolean required,
        double confidence,
        String reason,
        String origin) {

    public FieldLine {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The first (usually only) source column. */
    public String source() {
        return sources.isEmpty() ? null : sources.get(0);
    }
}
