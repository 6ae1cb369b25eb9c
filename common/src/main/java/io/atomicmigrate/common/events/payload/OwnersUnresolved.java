package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.util.List;

/**
 * Atomic CRM users that own records but match no Pipedrive user by email; the run
 * waits until they are provisioned or mapped to a fallback user.
 */
public record OwnersUnresolved(List<Owner> owners) implements EventPayload {

    /** A source owner: the {@code sales} row, its email (not a secret) and how many records it owns. */
    public record Owner(long salesId, String email, String name, long ownedRecords) {
    }
}
