package io.atomicmigrate.common.map;

/**
 * When a contact becomes a Person, a Lead, or both (DESIGN §6).
 *
 * @param rule          the rule in words
 * @param createLeads   false turns leads off: every contact is only a Person
 * @param leadTitle     title template of a created lead; {@code {name}} is the contact's name
 */
public record PersonLeadRule(String rule, boolean createLeads, String leadTitle) {

    public static final String DEFAULT_RULE = "A contact linked to at least one deal becomes a Person in its "
            + "Organization; a contact with no deal and no company becomes a Lead with its Person; any other "
            + "contact becomes a Person. The first e-mail address, lowercased, is the dedup key.";
}
