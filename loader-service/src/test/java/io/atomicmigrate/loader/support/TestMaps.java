package io.atomicmigrate.loader.support;

import io.atomicmigrate.common.map.ActivityTypeMapping;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.DedupPolicy;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.LabelPolicy;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.common.map.PersonLeadRule;
import io.atomicmigrate.common.map.PipelineMapping;
import io.atomicmigrate.common.map.StageMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.TransformKind;
import java.util.List;
import java.util.Map;

/** An approved map like the mapper's standard one, trimmed to what the loader reads. */
public final class TestMaps {

    private TestMaps() {
    }

    static FieldLine custom(String table, String column, String name, FieldType type, List<String> options) {
        return new FieldLine(table + "." + column, List.of(column), Target.custom(new CustomFieldSpec(name, type, options)),
                Transform.of(TransformKind.TEXT), false, 0.9, "test", "standard");
    }

    static FieldLine std(String table, String column, String field) {
        return new FieldLine(table + "." + column, List.of(column), Target.standard(field),
                Transform.of(TransformKind.TEXT), false, 0.9, "test", "standard");
    }

    public static MigrationMap map(String migrationId) {
        return map(migrationId, new OwnerPolicy("email", Map.of(), "block", null), "merge");
    }

    public static MigrationMap map(String migrationId, OwnerPolicy owners, String onMatch) {
        return new MigrationMap(migrationId, 1, "CURRENT", "USD", List.of(
                new ObjectMapping("companies", "organization", "test", List.of(std("companies", "name", "name"),
                        custom("companies", "sector", "Sector", FieldType.ENUM, List.of("Technology", "Finance")),
                        custom("companies", "revenue", "Revenue", FieldType.VARCHAR, null))),
                new ObjectMapping("contacts", "person", "test", List.of(std("contacts", "first_name", "name"),
                        custom("contacts", "title", "Job title", FieldType.VARCHAR, null),
                        custom("contacts", "gender", "Gender", FieldType.ENUM, List.of("He/Him", "She/Her", "They/Them")))),
                new ObjectMapping("deals", "deal", "test", List.of(std("deals", "name", "title"),
                        custom("deals", "created_at", "Created in Atomic CRM", FieldType.DATE, null))),
                new ObjectMapping("contact_notes", "note", "test", List.of(std("contact_notes", "text", "content"))),
                new ObjectMapping("tasks", "activity", "test", List.of(std("tasks", "text", "subject"))),
                new ObjectMapping("sales", "user", "test", List.of(std("sales", "email", "email"))),
                new ObjectMapping("tags", "label", "test", List.of(std("tags", "name", "name")))),
                owners,
                List.of(new PipelineMapping("", "No category", "Deals", 0.9, "test"),
                        new PipelineMapping("partners", "Partners", "Partner deals", 0.9, "test")),
                List.of(new StageMapping("opportunity", "Opportunity", "Opportunity", 1, 10, "open", 0.9, "test"),
                        new StageMapping("proposal-sent", "Proposal Sent", "Proposal sent", 2, 50, "open", 0.9, "test"),
                        new StageMapping("won", "Won", "Proposal sent", 3, 100, "won", 0.9, "test")),
                List.of(new ActivityTypeMapping("email", "Email", "email", "Email", "email", false, 0.9, "test"),
                        new ActivityTypeMapping("demo", "Demo", "demo", "Demo", "presentation", true, 0.9, "test")),
                new LabelPolicy("person", Map.of(), "gray"), null, new DedupPolicy("email", "name", onMatch), null,
                new PersonLeadRule(PersonLeadRule.DEFAULT_RULE, true, "{name}"));
    }
}
