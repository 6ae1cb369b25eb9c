package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;

/**
 * A migration stopped on an error a person must look at.
 *
 * @param code    a stable machine-readable code, e.g. SOURCE_RLS_HIDES_ROWS, DESTINATION_TOKEN_REJECTED
 * @param message what happened and what to do, free of secrets
 * @param service which service raised it
 */
public record MigrationFailed(String code, String message, String service) implements EventPayload {
}
