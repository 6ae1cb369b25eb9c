package io.atomicmigrate.sandbox.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person/organization/deal field: system fields have readable codes, custom fields a random
 * 40-hex key (checklist 10). The numeric {@code id} is the v1 path id; {@code code} is both the
 * v1 {@code key} and the v2 {@code field_code}.
 */
public final class FieldDefinition {
    public final long id;
    public final String entity;
    public final String code;
    public String name;
    public final String type;
    public final boolean custom;
    public final List<FieldOption> options = new ArrayList<>();
    public Instant addTime;
    public Instant updateTime;
    public boolean deleted;
    public String description;

    public FieldDefinition(long id, String entity, String code, String name, String type, boolean custom) {
        this.id = id;
        this.entity = entity;
        this.code = code;
        this.name = name;
        this.type = type;
        this.custom = custom;
    }

    public boolean hasOptions() {
        return "enum".equals(type) || "set".equals(type);
    }

    public boolean hasOption(long optionId) {
        return options.stream().anyMatch(o -> o.id == optionId);
    }

    public FieldOption option(long optionId) {
        return options.stream().filter(o -> o.id == optionId).findFirst().orElse(null);
    }

    /** An option of an enum/set field; ids are numeric and unique per account. */
    public static final class FieldOption {
        public final long id;
        public String label;
        public String color;
        public Instant addTime;
        public Instant updateTime;

        public FieldOption(long id, String label, String color, Instant at) {
            this.id = id;
            this.label = label;
            this.color = color;
            this.addTime = at;
            this.updateTime = at;
        }
    }
}
