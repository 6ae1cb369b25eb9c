package io.atomicmigrate.mapper.service.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.common.map.CustomFieldSpec;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.FieldType;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.common.map.Transform;
import io.atomicmigrate.common.map.TransformKind;
import io.atomicmigrate.mapper.client.LlmChatClient;
import io.atomicmigrate.mapper.config.MapperConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The optional LLM adapter: asks an OpenAI-compatible model for a second opinion on the
 * custom-column lines the engine is least sure of, and merges its suggestions as proposals with
 * their own reasons ({@code origin = llm}). It never approves anything, and a failing or silly
 * model leaves the engine's proposal as it was.
 */
@ApplicationScoped
public class LlmMapAdvisor {

    private static final Logger LOG = Logger.getLogger(LlmMapAdvisor.class);
    /** Types a suggestion may use: the ones a plain custom column can be transformed into. */
    private static final Map<FieldType, TransformKind> SUGGESTABLE = Map.of(FieldType.VARCHAR, TransformKind.TEXT,
            FieldType.TEXT, TransformKind.TEXT, FieldType.PHONE, TransformKind.TEXT, FieldType.DOUBLE, TransformKind.NUMBER,
            FieldType.MONETARY, TransformKind.NUMBER, FieldType.DATE, TransformKind.DATE);
    private static final double MAX_LLM_CONFIDENCE = 0.7;

    private final LlmChatClient client;
    private final MapperConfig config;

    public LlmMapAdvisor(@RestClient LlmChatClient client, MapperConfig config) {
        this.client = client;
        this.config = config;
    }

    public boolean enabled() {
        return config.llm().enabled();
    }

    public Uni<MigrationMap> refine(MigrationMap map, MigrationDiscovered discovered, Map<String, ColumnProfile> profiles) {
        List<FieldLine> candidates = map.allLines().stream()
                .filter(l -> "profile".equals(l.origin()) && l.confidence() < 0.8).toList();
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(map);
        }
        String prompt = prompt(candidates, profiles);
        String auth = config.llm().apiKey().map(k -> "Bearer " + k).orElse(null);
        return client.complete(auth, new LlmChatClient.ChatRequest(config.llm().model(), List.of(
                        new LlmChatClient.Message("system", "You map CRM database columns to Pipedrive custom fields."
                                + " Answer with JSON only: {\"suggestions\": [{\"line\": id, \"fieldType\": one of "
                                + SUGGESTABLE.keySet().stream().map(FieldType::wireName).sorted().toList()
                                + ", \"name\": field name, \"reason\": why}]}."),
                        new LlmChatClient.Message("user", prompt)), 0.0, new LlmChatClient.ResponseFormat("json_object")))
                .ifNoItem().after(Duration.ofSeconds(90)).fail()
                .map(response -> merge(map, response))
                .onFailure().recoverWithItem(failure -> {
                    // the message of a REST client failure names the URL, never the key
                    LOG.warnf("LLM adapter failed (%s); keeping the engine's proposal", failure.getClass().getSimpleName());
                    return map;
                });
    }

    static String prompt(List<FieldLine> lines, Map<String, ColumnProfile> profiles) {
        ArrayNode columns = Json.mapper().createArrayNode();
        for (FieldLine l : lines) {
            ObjectNode c = columns.addObject();
            c.put("line", l.id());
            c.put("column", l.source());
            c.put("engineProposal", l.reason());
            ColumnProfile p = profiles.get(l.id());
            if (p != null) {
                ArrayNode samples = c.putArray("samples");
                p.samples().stream().limit(5).forEach(samples::add);
            }
        }
        return "Suggest a Pipedrive custom field for each of these columns: " + columns;
    }

    /** Applies the well-formed suggestions for known lines; everything else in the answer is ignored. */
    static MigrationMap merge(MigrationMap map, LlmChatClient.ChatResponse response) {
        Map<String, FieldLine> suggestions = new HashMap<>();
        try {
            String content = response.choices().get(0).message().content();
            JsonNode root = Json.mapper().readTree(content);
            for (JsonNode s : root.path("suggestions")) {
                String lineId = s.path("line").asText(null);
                FieldType type;
                try {
                    type = FieldType.fromWire(s.path("fieldType").asText());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                String name = s.path("name").asText("").strip();
                if (lineId == null || !SUGGESTABLE.containsKey(type) || name.isEmpty() || name.length() > 255) {
                    continue;
                }
                suggestions.put(lineId, new FieldLine(lineId, List.of(), Target.custom(new CustomFieldSpec(name, type, List.of())),
                        Transform.of(SUGGESTABLE.get(type)), false, MAX_LLM_CONFIDENCE,
                        "LLM suggestion: " + s.path("reason").asText("no reason given"), "llm"));
            }
        } catch (Exception e) {
            LOG.warnf("LLM answer was not the JSON asked for (%s); ignored", e.getClass().getSimpleName());
            return map;
        }
        List<ObjectMapping> objects = new ArrayList<>();
        for (ObjectMapping o : map.objects()) {
            List<FieldLine> lines = new ArrayList<>();
            for (FieldLine l : o.fields()) {
                FieldLine s = suggestions.get(l.id());
                lines.add(s == null || !Set.of("profile").contains(l.origin()) ? l
                        : new FieldLine(l.id(), l.sources(), s.target(), s.transform(), l.required(), s.confidence(),
                                s.reason() + " (engine: " + l.reason() + ")", "llm"));
            }
            objects.add(new ObjectMapping(o.source(), o.destination(), o.rule(), lines));
        }
        return map.withObjects(objects);
    }
}
