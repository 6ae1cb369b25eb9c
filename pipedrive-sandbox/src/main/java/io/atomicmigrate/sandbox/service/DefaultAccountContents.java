package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.DefaultContents;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.List;

/**
 * What a brand-new Pipedrive company contains (PIPEDRIVE.md 6, checklist 22): the default
 * "Pipeline" with five stages, six activity types, three lead labels, label options on persons and
 * organizations, the standard fields, and no custom fields.
 */
public final class DefaultAccountContents {
    private DefaultAccountContents() {
    }

    public static void seed(Account a, DefaultContents defaults, Instant now) {
        ObjectNode p = Json.object().put("name", defaults.pipelineName).put("order_nr", 0).put("is_deleted", false)
                .put("is_deal_probability_enabled", false);
        StoredEntity pipeline = stamp(a.pipelines.insertNumbered(p), now);
        int order = 0;
        for (String name : defaults.stages) {
            ObjectNode s = Json.object().put("order_nr", ++order).put("name", name).put("is_deleted", false)
                    .put("deal_probability", 100).put("pipeline_id", pipeline.id).put("is_deal_rot_enabled", false);
            s.putNull("days_to_rotten");
            stamp(a.stages.insertNumbered(s), now);
        }
        order = 0;
        for (String name : defaults.activityTypes) {
            String key = ActivityTypeService.keyString(a, name);
            ObjectNode t = Json.object().put("order_nr", ++order).put("name", name).put("key_string", key)
                    .put("icon_key", ActivityTypeService.ICON_KEYS.contains(key) ? key : "task").put("active_flag", true).put("is_custom_flag", false);
            t.putNull("color");
            stamp(a.activityTypes.insertNumbered(t), now);
        }
        for (List<String> label : defaults.leadLabels) {
            stamp(a.leadLabels.insertKeyed(a::newUuid, Json.object().put("name", label.get(0)).put("color", label.get(1))), now);
        }
    }

    /** Standard fields exist in every account, also when default contents are switched off. */
    public static void seedStandardFields(Account a, DefaultContents defaults, Instant now) {
        String[][] person = {
                {"name", "Name", "varchar"}, {"first_name", "First name", "varchar"}, {"last_name", "Last name", "varchar"},
                {"owner_id", "Owner", "user"}, {"org_id", "Organization", "org"}, {"emails", "Email", "varchar"},
                {"phones", "Phone", "phone"}, {"label_ids", "Labels", "set"}, {"visible_to", "Visible to", "visible_to"},
                {"add_time", "Person created", "date"}, {"update_time", "Update time", "date"},
                {"picture_id", "Profile picture", "picture"}, {"marketing_status", "Marketing status", "enum"}};
        String[][] org = {
                {"name", "Name", "varchar"}, {"owner_id", "Owner", "user"}, {"address", "Address", "address"},
                {"label_ids", "Labels", "set"}, {"visible_to", "Visible to", "visible_to"}, {"website", "Website", "varchar"},
                {"linkedin", "LinkedIn profile", "varchar"}, {"industry", "Industry", "enum"},
                {"annual_revenue", "Annual revenue", "double"}, {"employee_count", "Number of employees", "double"},
                {"add_time", "Organization created", "date"}, {"update_time", "Update time", "date"}};
        String[][] deal = {
                {"title", "Title", "varchar"}, {"value", "Value", "monetary"}, {"person_id", "Contact person", "people"},
                {"org_id", "Organization", "org"}, {"pipeline_id", "Pipeline", "double"}, {"stage_id", "Stage", "stage"},
                {"status", "Status", "status"}, {"owner_id", "Owner", "user"}, {"probability", "Probability", "double"},
                {"expected_close_date", "Expected close date", "date"}, {"won_time", "Won time", "date"},
                {"lost_time", "Lost time", "date"}, {"close_time", "Deal closed on", "date"},
                {"archive_time", "Archive time", "date"}, {"lost_reason", "Lost reason", "varchar"},
                {"label_ids", "Labels", "set"}, {"visible_to", "Visible to", "visible_to"},
                {"add_time", "Deal created", "date"}, {"update_time", "Update time", "date"}};
        addAll(a, "person", person, now);
        addAll(a, "organization", org, now);
        addAll(a, "deal", deal, now);
        for (String entity : List.of("person", "organization")) {
            FieldDefinition labels = a.fields.get(entity).stream().filter(f -> f.code.equals("label_ids")).findFirst().orElseThrow();
            for (List<String> o : defaults.contactLabels) {
                labels.options.add(new FieldDefinition.FieldOption(++a.lastOptionId, o.get(0), o.get(1), now));
            }
        }
    }

    private static void addAll(Account a, String entity, String[][] defs, Instant now) {
        for (String[] d : defs) {
            FieldDefinition f = new FieldDefinition(++a.lastFieldId, entity, d[0], d[1], d[2], false);
            f.addTime = now;
            f.updateTime = now;
            a.fields.get(entity).add(f);
        }
    }

    private static StoredEntity stamp(StoredEntity e, Instant now) {
        e.addTime = now;
        e.updateTime = now;
        return e;
    }
}
