package io.atomicmigrate.common.map;

import java.util.Map;

/**
 * Atomic CRM {@code sales} rows → Pipedrive users (DESIGN §1 step 6).
 *
 * @param matchBy      always {@code email}: sales.email is citext, so matching ignores case
 * @param overrides    sales email → Pipedrive user email, for people whose address differs
 * @param onUnresolved {@code block} (the load waits until resolved) or {@code default-owner}
 * @param defaultOwner the Pipedrive user email used with {@code default-owner}, else null
 */
public record OwnerPolicy(String matchBy, Map<String, String> overrides, String onUnresolved, String defaultOwner) {

    public OwnerPolicy {
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
