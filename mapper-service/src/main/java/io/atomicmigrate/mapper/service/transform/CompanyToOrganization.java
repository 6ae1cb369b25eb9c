package io.atomicmigrate.mapper.service.transform;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.map.ObjectMapping;
import java.util.Locale;

/** Where a company becomes an Organization; organizations are deduplicated by name (DESIGN §5). */
public final class CompanyToOrganization extends ObjectTransformer {

    @Override
    public String table() {
        return "companies";
    }

    @Override
    public String object(Phase phase) {
        return "organization";
    }

    @Override
    public TransformOutcome transform(String sourceId, JsonNode row, Phase phase, ObjectMapping mapping, TransformRun run) {
        MappedRecordDraft org = applyLines(sourceId, row, mapping, "organization", run);
        if (org.rejected()) {
            return reject(org, row, run);
        }
        String name = org.payload().path("name").asText("");
        String key = name.isBlank() ? "companies:" + sourceId : "org:" + name.strip().toLowerCase(Locale.ROOT);
        return TransformOutcome.of(org.toMapped(key, run.mapVersion()));
    }
}
