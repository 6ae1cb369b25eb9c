package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.List;

/**
 * The loaded records were read back from Pipedrive and compared field by field.
 *
 * @param objects    per Pipedrive object: records checked, fields checked, mismatches
 * @param complete   true when every record and field matched
 */
public record MigrationVerified(List<ObjectVerification> objects, boolean complete) implements EventPayload {

    /** Verification of one object type, e.g. "person". */
    public record ObjectVerification(String object, long recordsChecked, long recordsMissing, long fieldsChecked,
                                     long fieldMismatches) {
    }
}
