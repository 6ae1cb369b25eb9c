package io.atomicmigrate.common.map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Pipedrive custom field types (PIPEDRIVE.md §3.11, §4), written as Pipedrive spells them. */
public enum FieldType {
    VARCHAR(255), VARCHAR_AUTO(255), TEXT(65_536), PHONE(255), DOUBLE(0), MONETARY(0), ENUM(0), SET(0),
    USER(0), ORG(0), PEOPLE(0), DATE(0), DATERANGE(0), TIME(0), TIMERANGE(0), ADDRESS(0);

    private final int maxLength;

    FieldType(int maxLength) {
        this.maxLength = maxLength;
    }

    /** The longest text the type holds, or 0 when it holds no free text. */
    public int maxLength() {
        return maxLength;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown Pipedrive field type '" + value
                        + "'; expected one of " + Arrays.stream(values()).map(FieldType::wireName).toList()));
    }
}
