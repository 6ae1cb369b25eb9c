package io.atomicmigrate.extractor.service.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Applies the renames of ATOMIC_CRM.md §12 to rows of older deployments, so every consumer sees
 * the current shape: {@code "stateAbbr"} → {@code state_abbr}; {@code email} text → a one-element
 * {@code email_jsonb} typed Other; {@code phone_N_number}/{@code phone_N_type} → {@code phone_jsonb}.
 * ({@code acquisition} has no successor and stays as it is.)
 */
final class LegacyRowNormalizer {

    /**
     * Whether {@link #normalise} changes rows of this table with these columns. The renames depend on
     * which columns exist, not on values, so this is decided once per table (and the rows of a
     * current-schema table can be written without a tree: {@link RowReader#writeCanonical}).
     */
    boolean renames(String table, Collection<String> columns) {
        return table.equals("companies") && columns.contains("stateAbbr") && !columns.contains("state_abbr")
                || table.equals("contacts") && !columns.contains("email_jsonb") && columns.contains("email")
                || table.equals("contacts") && !columns.contains("phone_jsonb") && columns.contains("phone_1_number");
    }

    ObjectNode normalise(String table, ObjectNode row) {
        if (table.equals("companies") && row.has("stateAbbr") && !row.has("state_abbr")) {
            row.set("state_abbr", row.remove("stateAbbr"));
        }
        if (table.equals("contacts") && !row.has("email_jsonb") && row.has("email")) {
            JsonNode email = row.remove("email");
            if (email == null || email.isNull()) {
                row.putNull("email_jsonb");
            } else {
                row.putArray("email_jsonb").addObject().put("email", email.asText()).put("type", "Other");
            }
        }
        if (table.equals("contacts") && !row.has("phone_jsonb") && row.has("phone_1_number")) {
            ArrayNode phones = JsonNodeFactory.instance.arrayNode();
            for (int i = 1; i <= 2; i++) {
                JsonNode number = row.remove("phone_" + i + "_number");
                JsonNode type = row.remove("phone_" + i + "_type");
                if (number != null && !number.isNull() && !number.asText().isBlank()) {
                    ObjectNode p = phones.addObject().put("number", number.asText());
                    if (type != null && !type.isNull()) {
                        p.put("type", type.asText());
                    } else {
                        p.put("type", "Other");
                    }
                }
            }
            if (phones.isEmpty()) {
                row.putNull("phone_jsonb");
            } else {
                row.set("phone_jsonb", phones);
            }
        }
        return row;
    }
}
