package io.atomicmigrate.sandbox.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.Plan;
import io.atomicmigrate.sandbox.config.UserSpec;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.FieldDefinition;
import io.atomicmigrate.sandbox.repository.StoredEntity;
import io.atomicmigrate.sandbox.service.AccountService;
import io.atomicmigrate.sandbox.service.FaultInjector;
import io.atomicmigrate.sandbox.service.FaultRule;
import io.atomicmigrate.sandbox.service.FieldService;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.service.PurgeService;
import io.atomicmigrate.sandbox.service.RateLimitService;
import io.atomicmigrate.sandbox.service.RequestCounters;
import io.atomicmigrate.sandbox.service.SandboxClock;
import io.atomicmigrate.sandbox.service.Timestamps;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Test-only controls (checklist 23-26), usable in-process from Java and over HTTP under
 * {@code /__sandbox}: accounts, users, plans and caps; faults; counters, request log and stored
 * data for assertions; clock control.
 */
public final class SandboxAdmin {
    private final AccountService accounts;
    private final RateLimitService limits;
    private final FaultInjector faults;
    private final Map<Long, RequestCounters> counters;
    private final SandboxClock clock;
    private final PurgeService purge;
    private final Runnable snapshot;

    public SandboxAdmin(AccountService accounts, RateLimitService limits, FaultInjector faults,
                        Map<Long, RequestCounters> counters, SandboxClock clock, PurgeService purge, Runnable snapshot) {
        this.accounts = accounts;
        this.limits = limits;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
        this.purge = purge;
        this.snapshot = snapshot;
    }

    // ---- accounts and users --------------------------------------------------------------

    public ObjectNode createAccount(AccountSpec spec) {
        return describe(accounts.create(spec));
    }

    public List<ObjectNode> accounts() {
        return accounts.repository().all().stream().map(this::describe).toList();
    }

    public ObjectNode account(String domain) {
        return describe(find(domain));
    }

    /**
     * Changes plan, seats, dailyBudget, topUp, open (false = 402) and the caps openDealsCap,
     * customFieldsCap, activityTypesCap (null removes a cap).
     */
    public ObjectNode updateAccount(String domain, JsonNode patch) {
        Account a = find(domain);
        AccountSpec s = a.spec;
        String plan = patch.has("plan") ? Plan.of(patch.get("plan").asText()).name() : s.plan();
        Integer seats = patch.has("seats") ? Integer.valueOf(patch.get("seats").asInt()) : s.seats();
        Long budget = patch.has("dailyBudget") ? (patch.get("dailyBudget").isNull() ? null : patch.get("dailyBudget").asLong()) : s.dailyBudget();
        Long topUp = patch.has("topUp") ? (patch.get("topUp").isNull() ? null : patch.get("topUp").asLong()) : s.topUp();
        a.spec = new AccountSpec(s.companyDomain(), s.companyName(), plan, seats, budget, topUp, s.defaultContents(), s.users());
        if (patch.has("open")) {
            a.open = patch.get("open").asBoolean();
        }
        if (patch.has("openDealsCap")) {
            a.openDealsCap = patch.get("openDealsCap").isNull() ? null : patch.get("openDealsCap").asInt();
        }
        if (patch.has("customFieldsCap")) {
            a.customFieldsCap = patch.get("customFieldsCap").isNull() ? null : patch.get("customFieldsCap").asInt();
        }
        if (patch.has("activityTypesCap")) {
            a.activityTypesCap = patch.get("activityTypesCap").isNull() ? null : patch.get("activityTypesCap").asInt();
        }
        return describe(a);
    }

    /** Wipes all data, counters, windows and faults; users and tokens stay. */
    public ObjectNode resetAccount(String domain) {
        Account old = find(domain);
        limits.reset(old);
        faults.clear(old.companyId);
        counters.remove(old.companyId);
        return describe(accounts.reset(old));
    }

    public void deleteAccount(String domain) {
        Account a = find(domain);
        limits.reset(a);
        faults.clear(a.companyId);
        counters.remove(a.companyId);
        accounts.repository().remove(a);
    }

    public ObjectNode addUser(String domain, UserSpec user) {
        Account a = find(domain);
        return locked(a, () -> {
            StoredEntity u = accounts.addUser(a, user, false);
            return describeUser(a, u);
        });
    }

    // ---- inspection ----------------------------------------------------------------------

    /** Every stored row of a type, soft-deleted included, in a neutral form (v2 times, custom_fields). */
    public List<ObjectNode> entities(String domain, String type) {
        Account a = find(domain);
        return locked(a, () -> a.table(type).all().stream().map(SandboxAdmin::raw).toList());
    }

    public long count(String domain, String type, boolean includeDeleted) {
        Account a = find(domain);
        return locked(a, () -> a.table(type).all().stream().filter(e -> includeDeleted || !e.isDeleted()).count());
    }

    /** All stored data of the account, for reconciliation tests. */
    public ObjectNode export(String domain) {
        Account a = find(domain);
        return locked(a, () -> {
            ObjectNode out = Json.object().put("company_domain", a.domain()).put("company_id", a.companyId);
            ObjectNode tables = out.putObject("entities");
            for (EntityTable t : a.tables()) {
                ArrayNode arr = tables.putArray(t.type());
                t.all().forEach(e -> arr.add(raw(e)));
            }
            ObjectNode fields = out.putObject("fields");
            a.fields.forEach((entity, list) -> {
                ArrayNode arr = fields.putArray(entity);
                for (FieldDefinition f : list) {
                    arr.add(FieldService.render(f).put("id", f.id).put("is_deleted", f.deleted));
                }
            });
            return out;
        });
    }

    public ObjectNode counters(String domain) {
        Account a = find(domain);
        ObjectNode out = Json.MAPPER.valueToTree(counters.computeIfAbsent(a.companyId, id -> new RequestCounters()).summary());
        out.put("tokens_spent", limits.tokensSpent(a));
        out.put("tokens_left", limits.tokensLeft(a));
        out.put("daily_budget", a.spec.effectiveDailyBudget());
        ObjectNode windows = out.putObject("burst_windows");
        a.tokens.keySet().forEach(t -> windows.set(mask(t), Json.MAPPER.valueToTree(limits.windowState(t))));
        ObjectNode counts = out.putObject("entity_counts");
        locked(a, () -> {
            for (EntityTable t : a.tables()) {
                long deleted = t.all().stream().filter(StoredEntity::isDeleted).count();
                counts.putObject(t.type()).put("total", t.size()).put("deleted", deleted);
            }
            return null;
        });
        return out;
    }

    public RequestCounters requestCounters(String domain) {
        return counters.computeIfAbsent(find(domain).companyId, id -> new RequestCounters());
    }

    public List<RequestCounters.LoggedRequest> requestLog(String domain) {
        return requestCounters(domain).log();
    }

    public long tokensSpent(String domain) {
        return limits.tokensSpent(find(domain));
    }

    public long tokensLeft(String domain) {
        return limits.tokensLeft(find(domain));
    }

    // ---- faults --------------------------------------------------------------------------

    public void addFault(String domain, FaultRule rule) {
        faults.add(find(domain).companyId, rule);
    }

    public List<FaultRule> faults(String domain) {
        return faults.rules(find(domain).companyId);
    }

    public void clearFaults(String domain) {
        faults.clear(find(domain).companyId);
    }

    // ---- clock ---------------------------------------------------------------------------

    public SandboxClock clock() {
        return clock;
    }

    /** Advances the clock and runs the purge of soft-deleted rows that are now past retention. */
    public void advanceClock(Duration by) {
        clock.advance(by);
        purge.purgeAll();
    }

    public int purgeNow() {
        return purge.purgeAll();
    }

    public void saveSnapshot() {
        snapshot.run();
    }

    // ---- helpers -------------------------------------------------------------------------

    private Account find(String domain) {
        return accounts.repository().byDomain(domain).orElseThrow(() -> new NoSuchElementException("no account " + domain));
    }

    private static <T> T locked(Account a, Supplier<T> body) {
        a.lock.lock();
        try {
            return body.get();
        } finally {
            a.lock.unlock();
        }
    }

    private ObjectNode describe(Account a) {
        return locked(a, () -> {
            ObjectNode o = Json.object().put("company_id", a.companyId).put("company_domain", a.domain())
                    .put("company_name", a.spec.companyNameOrDefault()).put("plan", a.spec.planOrDefault().name())
                    .put("seats", a.spec.seatsOrDefault()).put("daily_budget", a.spec.effectiveDailyBudget())
                    .put("tokens_spent", limits.tokensSpent(a)).put("open", a.open);
            o.put("open_deals_cap", a.openDealsCap).put("custom_fields_cap", a.customFieldsCap)
                    .put("activity_types_cap", a.activityTypesCap);
            ArrayNode users = o.putArray("users");
            a.users.all().forEach(u -> users.add(describeUser(a, u)));
            return o;
        });
    }

    private ObjectNode describeUser(Account a, StoredEntity u) {
        ObjectNode o = Json.object().put("id", u.id).put("name", u.data.path("name").asText())
                .put("email", u.data.path("email").asText()).put("admin", accounts.isAdmin(a, u.id));
        a.tokens.forEach((token, grant) -> {
            if (grant.userId() == u.id) {
                o.put(grant.oauth() ? "oauth_token" : "api_token", token);
            }
        });
        return o;
    }

    static ObjectNode raw(StoredEntity e) {
        ObjectNode o = e.data.deepCopy();
        o.put("add_time", Timestamps.v2(e.addTime));
        o.put("update_time", Timestamps.v2(e.updateTime));
        o.put("deleted_at", Timestamps.v2(e.deletedAt));
        ObjectNode custom = o.putObject("custom_fields");
        e.customFields.forEach(custom::set);
        return o;
    }

    private static String mask(String token) {
        return token.length() <= 8 ? token : token.substring(0, 4) + "…" + token.substring(token.length() - 4);
    }
}
