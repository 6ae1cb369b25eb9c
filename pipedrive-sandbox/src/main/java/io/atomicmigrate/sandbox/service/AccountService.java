package io.atomicmigrate.sandbox.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.DefaultContents;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.AccountRepository;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creates, resets and looks up company accounts and their users and tokens. */
public final class AccountService {
    private final AccountRepository repository;
    private final SandboxClock clock;
    private final long seed;
    private final DefaultContents defaults;

    public AccountService(AccountRepository repository, SandboxClock clock, long seed, DefaultContents defaults) {
        this.repository = repository;
        this.clock = clock;
        this.seed = seed;
        this.defaults = defaults;
    }

    public AccountRepository repository() {
        return repository;
    }

    /** Creates the account with its users; the first user is the creator and always an admin. */
    public Account create(AccountSpec spec) {
        if (spec.companyDomain() == null || spec.companyDomain().isBlank()) {
            throw new IllegalArgumentException("companyDomain is required");
        }
        if (repository.byDomain(spec.companyDomain()).isPresent()) {
            throw new IllegalArgumentException("account " + spec.companyDomain() + " exists");
        }
        List<UserSpec> users = spec.users() == null || spec.users().isEmpty()
                ? List.of(UserSpec.admin("Admin", "admin@" + spec.companyDomain() + ".example", null))
                : spec.users();
        AccountSpec normalized = new AccountSpec(spec.companyDomain(), spec.companyName(), spec.planOrDefault().name(),
                spec.seats(), spec.dailyBudget(), spec.topUp(), spec.withDefaultContents(), List.of());
        Account a = new Account(repository.nextCompanyId(), normalized, seed);
        Instant now = clock.nowSeconds();
        a.lock.lock();
        try {
            DefaultAccountContents.seedStandardFields(a, defaults, now);
            if (spec.withDefaultContents()) {
                DefaultAccountContents.seed(a, defaults, now);
            }
            boolean first = true;
            for (UserSpec u : users) {
                addUser(a, first ? new UserSpec(u.name(), u.email(), true, u.apiToken(), u.oauthToken()) : u, first);
                first = false;
            }
        } finally {
            a.lock.unlock();
        }
        repository.save(a);
        return a;
    }

    /** Adds a user with its tokens; the token defaults to a random one. Caller holds the lock. */
    public StoredEntity addUser(Account a, UserSpec u, boolean creator) {
        Instant now = clock.nowSeconds();
        String email = u.email() != null ? u.email() : "user" + (a.users.lastId() + 1) + "@" + a.domain() + ".example";
        boolean duplicate = a.users.all().stream().anyMatch(x -> x.data.path("email").asText().equalsIgnoreCase(email));
        if (duplicate) {
            throw new IllegalArgumentException("user " + email + " exists");
        }
        ObjectNode d = Json.object();
        d.put("name", u.name() != null ? u.name() : email.substring(0, email.indexOf('@')));
        d.put("default_currency", "EUR").put("locale", "en_US").put("lang", 1).put("email", email);
        d.putNull("phone");
        d.put("activated", true).put("last_login", Timestamps.v1(now)).put("created", Timestamps.v1(now))
                .put("modified", Timestamps.v1(now)).put("has_created_company", creator);
        var access = d.putArray("access");
        access.addObject().put("app", "sales").put("admin", u.isAdmin()).put("permission_set_id", a.newUuid());
        if (u.isAdmin()) {
            access.addObject().put("app", "global").put("admin", true).put("permission_set_id", a.newUuid());
        }
        d.put("active_flag", true).put("timezone_name", "Europe/London").put("timezone_offset", "+00:00")
                .put("role_id", 1);
        d.putNull("icon_url");
        d.put("is_deleted", false);
        StoredEntity user = a.users.insertNumbered(d);
        user.addTime = now;
        user.updateTime = now;
        String apiToken = u.apiToken() != null ? u.apiToken() : randomToken(a);
        grant(a, apiToken, user.id, false);
        if (u.oauthToken() != null) {
            grant(a, u.oauthToken(), user.id, true);
        }
        return user;
    }

    private void grant(Account a, String token, long userId, boolean oauth) {
        repository.indexToken(token, a);
        a.tokens.put(token, new Account.TokenGrant(userId, oauth));
    }

    private static String randomToken(Account a) {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(Character.forDigit(a.random.nextInt(16), 16));
        }
        return sb.toString();
    }

    public boolean isAdmin(Account a, long userId) {
        return a.users.find(userId).map(u -> {
            for (var access : u.data.path("access")) {
                if (access.path("admin").asBoolean()) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
    }

    /** Drops every entity and recreates the account from its spec and users (same tokens, new company id). */
    public Account reset(Account old) {
        List<UserSpec> users = new ArrayList<>();
        for (StoredEntity u : old.users.all()) {
            String api = null;
            String oauth = null;
            for (var t : old.tokens.entrySet()) {
                if (t.getValue().userId() == u.id) {
                    if (t.getValue().oauth()) {
                        oauth = t.getKey();
                    } else {
                        api = t.getKey();
                    }
                }
            }
            users.add(new UserSpec(u.data.path("name").asText(), u.data.path("email").asText(), isAdmin(old, u.id), api, oauth));
        }
        repository.remove(old);
        AccountSpec s = old.spec;
        return create(new AccountSpec(s.companyDomain(), s.companyName(), s.plan(), s.seats(), s.dailyBudget(), s.topUp(),
                s.defaultContents(), users));
    }

    public Optional<Account> byToken(String token) {
        return repository.byToken(token);
    }
}
