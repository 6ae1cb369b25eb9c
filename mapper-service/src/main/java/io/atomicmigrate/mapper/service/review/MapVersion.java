package io.atomicmigrate.mapper.service.review;

import io.atomicmigrate.common.map.MigrationMap;
import java.time.Instant;

/** One stored version of a migration's map and its approval, if any. */
public record MapVersion(String migrationId, int version, MigrationMap document, String hash, String proposedBy,
                         Instant createdAt, String approvedBy, Instant approvedAt) {

    public boolean approved() {
        return approvedAt != null;
    }
}
