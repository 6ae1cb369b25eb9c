package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Persons and organizations already in a Pipedrive account, listed once per account (500 per
 * page, 10 tokens a page) and indexed by e-mail and by name for the map's dedup policy (DESIGN §5).
 * Never a per-record search: search costs 20 tokens and has its own 10-per-2-s limit. Records this
 * replica creates are added, so two source rows with one e-mail meet (they share a partition).
 */
@ApplicationScoped
public class ExistingRecords {

    private final Map<Long, Map<String, JsonNode>> personsByEmail = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, JsonNode>> organizationsByName = new ConcurrentHashMap<>();

    public static String emailKey(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public static String nameKey(String name) {
        return name == null ? null : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private Map<String, JsonNode> persons(PipedriveAccount account) {
        return personsByEmail.computeIfAbsent(account.accountId(), id -> {
            Map<String, JsonNode> index = new ConcurrentHashMap<>();
            for (JsonNode p : Envelopes.allV2(c -> account.call("getPersons",
                    () -> account.v2().list("persons", c, Envelopes.MAX_PAGE, null, null, null, null)))) {
                for (String email : emails(p)) {
                    index.putIfAbsent(email, p);
                }
            }
            return index;
        });
    }

    private Map<String, JsonNode> organizations(PipedriveAccount account) {
        return organizationsByName.computeIfAbsent(account.accountId(), id -> {
            Map<String, JsonNode> index = new ConcurrentHashMap<>();
            for (JsonNode o : Envelopes.allV2(c -> account.call("getOrganizations",
                    () -> account.v2().list("organizations", c, Envelopes.MAX_PAGE, null, null, null, null)))) {
                String key = nameKey(o.path("name").asText(null));
                if (key != null) {
                    index.putIfAbsent(key, o);
                }
            }
            return index;
        });
    }

    /** The existing record a new one of {@code object} matches, by its first e-mail or its name. */
    public Optional<JsonNode> match(PipedriveAccount account, String object, JsonNode body) {
        if ("person".equals(object)) {
            List<String> emails = emails(body);
            return emails.isEmpty() ? Optional.empty() : Optional.ofNullable(persons(account).get(emails.get(0)));
        }
        if ("organization".equals(object)) {
            String key = nameKey(body.path("name").asText(null));
            return key == null ? Optional.empty() : Optional.ofNullable(organizations(account).get(key));
        }
        return Optional.empty();
    }

    /** A record now exists in Pipedrive (created or changed by us). */
    public void remember(PipedriveAccount account, String object, JsonNode entity) {
        if ("person".equals(object)) {
            Map<String, JsonNode> index = persons(account);
            emails(entity).forEach(e -> index.putIfAbsent(e, entity));
        } else if ("organization".equals(object)) {
            String key = nameKey(entity.path("name").asText(null));
            if (key != null) {
                organizations(account).putIfAbsent(key, entity);
            }
        }
    }

    static List<String> emails(JsonNode entity) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : entity.path("emails")) {
            String v = e.isTextual() ? e.asText() : e.path("value").asText(null);
            if (v != null && !v.isBlank()) {
                out.add(emailKey(v));
            }
        }
        return out;
    }
}
