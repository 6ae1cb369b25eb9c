package io.atomicmigrate.reconciler.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads whole collections back from Pipedrive with list endpoints, 500 per page: the cheapest way
 * to see every loaded record (PIPEDRIVE.md: a list page costs the same tokens as one get). v2
 * endpoints page by cursor; notes and leads exist only in v1, which pages by start/limit.
 */
@jakarta.enterprise.context.ApplicationScoped
public class PipedriveListClient {

    /** The list endpoint of each object the loader writes. */
    private static final Map<String, String> V2 = Map.of("organization", "/api/v2/organizations",
            "person", "/api/v2/persons", "deal", "/api/v2/deals", "activity", "/api/v2/activities");
    private static final Map<String, String> V1 = Map.of("note", "/v1/notes", "lead", "/v1/leads", "user", "/v1/users");
    /** The field definitions of each entity that has custom fields (a lead has the deal's). */
    private static final Map<String, String> FIELDS = Map.of("organization", "/api/v2/organizationFields",
            "person", "/api/v2/personFields", "deal", "/api/v2/dealFields");
    private static final int PAGE = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public static boolean canList(String object) {
        return V2.containsKey(object) || V1.containsKey(object) || "label".equals(object);
    }

    /** Every record of one object type in the account. */
    public Uni<List<JsonNode>> listAll(PipedriveAccount account, String object) {
        List<JsonNode> all = new ArrayList<>();
        if (V2.containsKey(object)) {
            return v2Page(account, V2.get(object), null, all).replaceWith(all);
        }
        if (V1.containsKey(object)) {
            return v1Page(account, V1.get(object), 0, all).replaceWith(all);
        }
        if ("label".equals(object)) {
            // a tag became an option of the person Labels field: the options, as records {id, name}
            return listFields(account, "person").map(fields -> {
                fields.stream().filter(f -> "label_ids".equals(f.path("field_code").asText()))
                        .forEach(f -> f.path("options").forEach(o -> all.add(
                                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                                        .put("id", o.path("id").asText()).put("name", o.path("label").asText()))));
                return all;
            });
        }
        return Uni.createFrom().failure(new IllegalArgumentException("no list endpoint for " + object));
    }

    public static boolean hasFields(String entity) {
        return FIELDS.containsKey(entity);
    }

    /**
     * The entity's field definitions ({@code field_code}, {@code field_type}, {@code options}
     * [{id, label}]), every page: one call per 500 fields, 10 tokens each (PIPEDRIVE.md 2.3).
     */
    public Uni<List<JsonNode>> listFields(PipedriveAccount account, String entity) {
        if (!FIELDS.containsKey(entity)) {
            return Uni.createFrom().failure(new IllegalArgumentException("no field list for " + entity));
        }
        List<JsonNode> all = new ArrayList<>();
        return v2Page(account, FIELDS.get(entity), null, all).replaceWith(all);
    }

    private Uni<Void> v2Page(PipedriveAccount account, String path, String cursor, List<JsonNode> into) {
        String query = "?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        return get(account, path + query).chain(body -> {
            body.path("data").forEach(into::add);
            String next = body.path("additional_data").path("next_cursor").asText(null);
            return next == null || next.isEmpty() ? Uni.createFrom().voidItem() : v2Page(account, path, next, into);
        });
    }

    private Uni<Void> v1Page(PipedriveAccount account, String path, int start, List<JsonNode> into) {
        return get(account, path + "?start=" + start + "&limit=" + PAGE).chain(body -> {
            body.path("data").forEach(into::add);
            JsonNode pagination = body.path("additional_data").path("pagination");
            return pagination.path("more_items_in_collection").asBoolean(false)
                    ? v1Page(account, path, pagination.path("next_start").asInt(start + PAGE), into)
                    : Uni.createFrom().voidItem();
        });
    }

    private Uni<JsonNode> get(PipedriveAccount account, String pathAndQuery) {
        return get(account, pathAndQuery, 1);
    }

    /**
     * One GET. A 429 (the account's burst window is shared with the loaders writing to it) or a 5xx
     * is retried after the Retry-After Pipedrive names (2 s when it names none), up to
     * {@value #MAX_ATTEMPTS} attempts: a busy account delays a verification, it does not cancel it.
     */
    private Uni<JsonNode> get(PipedriveAccount account, String pathAndQuery, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(account.baseUrl() + pathAndQuery))
                .header("x-api-token", account.apiToken()).header("accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onItem().transformToUni(response -> {
                    int status = response.statusCode();
                    if ((status == 429 || status >= 500) && attempt < MAX_ATTEMPTS) {
                        long seconds = response.headers().firstValue("retry-after").map(PipedriveListClient::seconds)
                                .orElse(2L);
                        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(Math.min(seconds, 60)))
                                .chain(() -> get(account, pathAndQuery, attempt + 1));
                    }
                    if (status != 200) {
                        // the URL carries no token (it is a header), so it may be named in the error
                        return Uni.createFrom().failure(new PipedriveReadException("GET " + account.baseUrl()
                                + pathAndQuery + " answered " + status + (attempt > 1 ? " (attempt " + attempt + ")" : "")));
                    }
                    try {
                        return Uni.createFrom().item(Json.mapper().readTree(response.body()));
                    } catch (IOException e) {
                        return Uni.createFrom().failure(new UncheckedIOException("GET " + pathAndQuery
                                + " did not answer JSON", e));
                    }
                });
    }

    private static final int MAX_ATTEMPTS = 8;

    private static long seconds(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** Pipedrive refused a read (token, plan, limit): the verification cannot be made, and says why. */
    public static class PipedriveReadException extends RuntimeException {
        public PipedriveReadException(String message) {
            super(message);
        }
    }
}
