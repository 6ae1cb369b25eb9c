package io.atomicmigrate.common.map;

/**
 * The transforms the mapper implements. Parameters in brackets.
 */
public enum TransformKind {
    /** Text as is, trimmed; [maxLength, onOverflow = truncate | reject]. */
    TEXT,
    /** first_name + last_name → name; a row with neither is rejected as NO_NAME. */
    FULL_NAME,
    /** email_jsonb → emails [{value, label, primary}]; invalid addresses [onInvalid = drop | reject]. */
    EMAILS,
    /** phone_jsonb → phones [{value, label, primary}]. */
    PHONES,
    /** A foreign key → a symbolic reference to the row it points at; [table]. */
    REFERENCE,
    /** sales_id → "owner of sales N" (resolved through the owners section). */
    OWNER,
    /** contacts.tags → labels of the tags; dangling ids are dropped with a warning. */
    TAG_LABELS,
    /** A timestamp in any offset → RFC 3339 UTC; [format = rfc3339 | pipedrive-v1]. */
    TIMESTAMP_UTC,
    /** A date (or a timestamp, taking its UTC date) → YYYY-MM-DD. */
    DATE,
    /** Markdown → the HTML Pipedrive notes hold. */
    MARKDOWN_TO_HTML,
    /** A config value (slug or legacy label) → option label; [config = companySectors | ...]. */
    CONFIG_OPTION,
    /** A code → a value, by a table in the parameters: [map = "1:1,10:9,..."]. */
    CODE_MAP,
    /** A number (integer or decimal, or numeric text) → number; [currency] for monetary. */
    NUMBER,
    /** true/false → "Yes"/"No" option. */
    BOOLEAN_OPTION,
    /** address parts → one Pipedrive address {value, postal_code, locality, admin_area_level_1, country}. */
    ADDRESS,
    /** An avatar/logo jsonb → its URL; generated or {"src":"ERROR"} values are dropped. */
    IMAGE_URL,
    /** A JSON value or an array → its JSON text (a reviewer decides whether that is good enough). */
    JSON_TEXT,
    /** An array of scalars → options of a set field (or joined text for varchar). */
    ARRAY_OPTIONS,
    /** deals.stage → stage of the pipeline (via the stages section); won/lost → status. */
    DEAL_STAGE,
    /** deals.category → pipeline (via the pipelines section). */
    DEAL_PIPELINE,
    /** deals.contact_ids → person (first) and participants (the others). */
    DEAL_CONTACTS,
    /** archived_at → is_archived + archive_time. */
    ARCHIVED,
    /** tasks.type → activity type key (via the activityTypes section). */
    ACTIVITY_TYPE,
    /** tasks.due_date → due_date + due_time in UTC. */
    DUE_DATE_TIME,
    /** tasks.done_date → done. */
    DONE_FLAG,
    /** A hex colour → the nearest Pipedrive label colour (via the labels section). */
    NEAREST_COLOUR,
    /** Not migrated (the line's target is a LOSS). */
    NONE
}
