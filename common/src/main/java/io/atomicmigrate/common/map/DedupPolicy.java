package io.atomicmigrate.common.map;

/**
 * How records already in Pipedrive (or two source rows) are recognised as the same.
 *
 * @param personKey        {@code email}: the first e-mail address, lowercased
 * @param organizationKey  {@code name}: the name, trimmed and lowercased
 * @param onMatch          {@code merge} (update the existing record) or {@code create} (a new one anyway)
 */
public record DedupPolicy(String personKey, String organizationKey, String onMatch) {
}
