package io.atomicmigrate.common.events.payload;

import io.atomicmigrate.common.events.EventPayload;
import java.time.Instant;

/**
 * A person approved a map version; only now may records move (DESIGN §1 step 4).
 *
 * @param mapVersion the approved version
 * @param approvedBy who approved it
 * @param approvedAt when
 * @param mapHash    hash of the approved document, so a later edit can never pass as approved
 */
public record MapApproved(int mapVersion, String approvedBy, Instant approvedAt, String mapHash)
        implements EventPayload {
}
