package io.atomicmigrate.common.map;

import java.util.Map;

/**
 * Tags → labels. Atomic CRM tags are contact-only with free hex colours; Pipedrive labels have
 * a fixed set of named colours, so each hex colour is mapped to the nearest one.
 *
 * @param target         the Pipedrive object whose label field receives them ({@code person})
 * @param colours        hex colour (lowercase, with #) → Pipedrive colour name
 * @param fallbackColour colour for a hex value not listed (computed as the nearest at transform time otherwise)
 */
public record LabelPolicy(String target, Map<String, String> colours, String fallbackColour) {

    public LabelPolicy {
        colours = colours == null ? Map.of() : Map.copyOf(colours);
    }
}
