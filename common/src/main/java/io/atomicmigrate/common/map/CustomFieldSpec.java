package io.atomicmigrate.common.map;

import java.util.List;

/**
 * A custom field the loader creates in Pipedrive (idempotent by name) before any record moves.
 *
 * @param name    the field's name in Pipedrive; also the key of its value in mapped payloads'
 *                {@code custom_fields} (the loader swaps it for the account's 40-hex key)
 * @param type    Pipedrive field type
 * @param options option labels for enum and set fields, in order
 */
public record CustomFieldSpec(String name, FieldType type, List<String> options) {

    public CustomFieldSpec {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
