package io.atomicmigrate.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.events.payload.OwnersUnresolved;
import io.atomicmigrate.common.map.OwnerPolicy;
import io.atomicmigrate.loader.client.Envelopes;
import io.atomicmigrate.loader.client.PipedriveAccount;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.repository.OwnerRepository;
import io.atomicmigrate.loader.repository.OwnerRepository.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Atomic CRM owners → Pipedrive users (DESIGN §1 step 6). The account's users are listed once
 * ({@code GET /v1/users}, 20 tokens) and matched by e-mail, ignoring case; the map's overrides and
 * default owner apply first. A record whose owner is unresolved waits (the run waits) until the
 * operator provisions the seat and re-checks, or assigns a fallback user over REST.
 */
@ApplicationScoped
public class OwnerReconciler {

    private static final Logger LOG = Logger.getLogger(OwnerReconciler.class);

    private final OwnerRepository owners;
    private final MigrationAccounts accounts;
    private final Duration recheckInterval;
    /** Users per Pipedrive account: email (lowercase) → user id. */
    private final Map<Long, Map<String, Long>> users = new ConcurrentHashMap<>();
    /** Records waiting per migration and owner, for the owners-unresolved event. */
    private final Map<String, Map<String, AtomicLong>> waiting = new ConcurrentHashMap<>();
    private final Map<String, String> lastAnnounced = new ConcurrentHashMap<>();
    private final Object released = new Object();
    private volatile Consumer<UnresolvedOwners> announcer = u -> { };

    /** The unresolved owners of a migration, as announced. */
    public record UnresolvedOwners(String migrationId, OwnersUnresolved payload) {
    }

    public OwnerReconciler(OwnerRepository owners, MigrationAccounts accounts, LoaderConfig config) {
        this.owners = owners;
        this.accounts = accounts;
        this.recheckInterval = config.writes().ownerRecheckInterval();
    }

    /** Where owners-unresolved announcements go (the event publisher registers itself). */
    public void announceTo(Consumer<UnresolvedOwners> announcer) {
        this.announcer = announcer;
    }

    private Map<String, Long> users(PipedriveAccount account, boolean refresh) {
        if (refresh) {
            users.remove(account.accountId());
        }
        return users.computeIfAbsent(account.accountId(), id -> {
            Map<String, Long> byEmail = new HashMap<>();
            for (JsonNode u : Envelopes.data(account.call("getUsers", () -> account.v1().users()))) {
                if (u.path("active_flag").asBoolean(true) && u.hasNonNull("email")) {
                    byEmail.put(u.get("email").asText().strip().toLowerCase(Locale.ROOT), u.path("id").asLong());
                }
            }
            return byEmail;
        });
    }

    /** The user a source owner resolves to under the map's policy, or empty. */
    Optional<Match> match(PipedriveAccount account, OwnerPolicy policy, String email, boolean refresh) {
        Map<String, Long> byEmail = users(account, refresh);
        if (email != null) {
            String key = email.strip().toLowerCase(Locale.ROOT);
            if (policy != null) {
                for (Map.Entry<String, String> o : policy.overrides().entrySet()) {
                    if (o.getKey().strip().equalsIgnoreCase(key) && o.getValue() != null) {
                        Long id = byEmail.get(o.getValue().strip().toLowerCase(Locale.ROOT));
                        if (id != null) {
                            return Optional.of(new Match(id, "override"));
                        }
                    }
                }
            }
            Long id = byEmail.get(key);
            if (id != null) {
                return Optional.of(new Match(id, "email"));
            }
        }
        if (policy != null && "default-owner".equals(policy.onUnresolved()) && policy.defaultOwner() != null) {
            Long id = byEmail.get(policy.defaultOwner().strip().toLowerCase(Locale.ROOT));
            if (id != null) {
                return Optional.of(new Match(id, "default-owner"));
            }
        }
        return Optional.empty();
    }

    record Match(long userId, String by) {
    }

    /** A sales row arrived (a mapped "user" record): register it and match it. */
    public Owner register(String migrationId, OwnerPolicy policy, String salesId, String email, String name) {
        PipedriveAccount account = accounts.of(migrationId);
        Optional<Owner> known = owners.find(migrationId, salesId);
        if (known.isPresent() && known.get().resolved()) {
            return known.get();
        }
        Optional<Match> m = match(account, policy, email, false);
        owners.save(migrationId, salesId, email, name, m.map(Match::userId).orElse(null), m.map(Match::by).orElse(null));
        return owners.find(migrationId, salesId).orElseThrow();
    }

    /**
     * The Pipedrive user of owner {@code salesId}; blocks while it is unresolved, announcing it, and
     * wakes on a re-check or a fallback assignment (or every recheck interval, for other replicas' changes).
     */
    public long awaitOwner(String migrationId, OwnerPolicy policy, String salesId) {
        boolean counted = false;
        try {
            while (true) {
                Optional<Owner> o = owners.find(migrationId, salesId);
                if (o.isPresent() && o.get().resolved()) {
                    return o.get().pipedriveUserId();
                }
                if (o.isEmpty()) {
                    // a record names an owner whose sales row has not arrived: it is unresolved until it does
                    Optional<Match> m = policy != null && "default-owner".equals(policy.onUnresolved())
                            ? match(accounts.of(migrationId), policy, null, false) : Optional.empty();
                    owners.save(migrationId, salesId, null, null, m.map(Match::userId).orElse(null),
                            m.map(Match::by).orElse(null));
                    if (m.isPresent()) {
                        return m.get().userId();
                    }
                }
                if (!counted) {
                    waiting.computeIfAbsent(migrationId, k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(salesId, k -> new AtomicLong()).incrementAndGet();
                    counted = true;
                }
                announce(migrationId);
                synchronized (released) {
                    released.wait(recheckInterval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for owner " + salesId + " to be resolved", e);
        } finally {
            if (counted) {
                waiting.get(migrationId).get(salesId).decrementAndGet();
            }
        }
    }

    /** The operator provisioned seats: list the users again and match every unresolved owner. */
    public List<Owner> recheck(String migrationId, OwnerPolicy policy) {
        PipedriveAccount account = accounts.of(migrationId);
        boolean refreshed = false;
        for (Owner o : owners.all(migrationId)) {
            if (!o.resolved()) {
                Optional<Match> m = match(account, policy, o.email(), !refreshed);
                refreshed = true;
                m.ifPresent(match -> owners.resolve(migrationId, o.salesId(), match.userId(), match.by()));
            }
        }
        wake(migrationId);
        return owners.all(migrationId);
    }

    /** The operator maps an owner to a fallback user, by the user's e-mail. */
    public Owner assignFallback(String migrationId, String salesId, String userEmail) {
        PipedriveAccount account = accounts.of(migrationId);
        Long id = users(account, false).get(userEmail.strip().toLowerCase(Locale.ROOT));
        if (id == null) {
            id = users(account, true).get(userEmail.strip().toLowerCase(Locale.ROOT));
        }
        if (id == null) {
            throw new IllegalArgumentException("no active Pipedrive user with e-mail " + userEmail + " in the account");
        }
        if (owners.find(migrationId, salesId).isEmpty()) {
            owners.save(migrationId, salesId, null, null, null, null);
        }
        owners.resolve(migrationId, salesId, id, "fallback");
        wake(migrationId);
        return owners.find(migrationId, salesId).orElseThrow();
    }

    public List<Owner> owners(String migrationId) {
        return owners.all(migrationId);
    }

    public List<OwnersUnresolved.Owner> unresolved(String migrationId) {
        Map<String, AtomicLong> counts = waiting.getOrDefault(migrationId, Map.of());
        List<OwnersUnresolved.Owner> out = new ArrayList<>();
        for (Owner o : owners.all(migrationId)) {
            if (!o.resolved()) {
                AtomicLong n = counts.get(o.salesId());
                out.add(new OwnersUnresolved.Owner(parseId(o.salesId()), o.email(), o.name(), n == null ? 0 : n.get()));
            }
        }
        return out;
    }

    private static long parseId(String salesId) {
        try {
            return Long.parseLong(salesId);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void announce(String migrationId) {
        List<OwnersUnresolved.Owner> list = unresolved(migrationId);
        String fingerprint = list.stream().map(o -> o.salesId() + ":" + o.email()).sorted().toList().toString();
        if (list.isEmpty() || fingerprint.equals(lastAnnounced.put(migrationId, fingerprint))) {
            return;
        }
        LOG.warnf("migration %s waits for %d unresolved owner(s): %s", migrationId, list.size(),
                list.stream().map(OwnersUnresolved.Owner::email).toList());
        announcer.accept(new UnresolvedOwners(migrationId, new OwnersUnresolved(list)));
    }

    private void wake(String migrationId) {
        lastAnnounced.remove(migrationId);
        synchronized (released) {
            released.notifyAll();
        }
    }
}
