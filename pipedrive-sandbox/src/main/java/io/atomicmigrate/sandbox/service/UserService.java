package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.util.List;
import java.util.Locale;

/** v1 users (PIPEDRIVE.md 3.10): list unpaginated, find by name or e-mail, me with company data. */
public final class UserService {
    private final AccountService accounts;

    public UserService(AccountService accounts) {
        this.accounts = accounts;
    }

    public List<ObjectNode> list(Caller c) {
        return c.account().users.all().stream().map(u -> render(c, u)).toList();
    }

    public ObjectNode get(Caller c, String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("User not found");
        }
        return render(c, c.account().users.find(n).orElseThrow(() -> ApiException.notFound("User not found")));
    }

    public List<ObjectNode> find(Caller c, Query q) {
        String term = q.string("term");
        if (term == null) {
            throw ApiException.badRequest("Parameter 'term' is required");
        }
        String t = term.toLowerCase(Locale.ROOT);
        boolean byEmail = q.bool("search_by_email");
        return c.account().users.all().stream()
                .filter(u -> byEmail ? u.data.path("email").asText().toLowerCase(Locale.ROOT).contains(t)
                        : u.data.path("name").asText().toLowerCase(Locale.ROOT).contains(t))
                .map(u -> render(c, u)).toList();
    }

    public ObjectNode me(Caller c) {
        Account a = c.account();
        ObjectNode me = render(c, a.users.find(c.userId()).orElseThrow());
        me.put("company_id", a.companyId).put("company_name", a.spec.companyNameOrDefault())
                .put("company_domain", a.domain()).put("company_country", "GB").put("company_industry", "IT");
        me.putObject("language").put("language_code", "en").put("country_code", "US");
        return me;
    }

    public ObjectNode add(Caller c, JsonNode raw) {
        if (!c.admin()) {
            throw ApiException.forbidden();
        }
        if (raw == null || !raw.isObject()) {
            throw ApiException.badRequest("Expected a JSON object");
        }
        ObjectNode body = (ObjectNode) raw;
        V1Values.onlyKnown(body, java.util.Set.of("email", "access", "active_flag"));
        String email = V1Values.text(body, "email");
        if (email == null || !email.contains("@")) {
            throw ApiException.badRequest("Parameter 'email' is required and must be an e-mail address");
        }
        boolean admin = false;
        for (JsonNode a : body.path("access")) {
            admin |= a.path("admin").asBoolean(false);
        }
        try {
            StoredEntity u = accounts.addUser(c.account(), new UserSpec(null, email, admin, null, null), false);
            if (body.has("active_flag")) {
                u.data.put("active_flag", body.get("active_flag").asBoolean());
            }
            if (body.has("access") && body.get("access").isArray()) {
                var access = u.data.putArray("access");
                for (JsonNode a : body.get("access")) {
                    access.addObject().put("app", a.path("app").asText("sales")).put("admin", a.path("admin").asBoolean(false))
                            .put("permission_set_id", c.account().newUuid());
                }
            }
            return render(c, u);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("User with this e-mail already exists");
        }
    }

    private static ObjectNode render(Caller c, StoredEntity u) {
        ObjectNode o = u.data.deepCopy();
        o.put("is_you", u.id == c.userId());
        return o;
    }
}
