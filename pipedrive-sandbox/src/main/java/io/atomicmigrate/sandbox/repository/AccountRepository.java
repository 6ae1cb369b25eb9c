package io.atomicmigrate.sandbox.repository;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** All accounts of the sandbox and the global token index (a token selects account and user). */
public final class AccountRepository {
    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Account> byDomain = new ConcurrentHashMap<>();
    private final Map<String, Account> byToken = new ConcurrentHashMap<>();
    private final AtomicLong lastCompanyId = new AtomicLong(1000);

    public long nextCompanyId() {
        return lastCompanyId.incrementAndGet();
    }

    public void save(Account account) {
        accounts.put(account.companyId, account);
        byDomain.put(account.domain(), account);
        lastCompanyId.accumulateAndGet(account.companyId, Math::max);
        reindexTokens(account);
    }

    public void reindexTokens(Account account) {
        byToken.values().removeIf(a -> a == account);
        account.tokens.keySet().forEach(t -> byToken.put(t, account));
    }

    public void indexToken(String token, Account account) {
        Account other = byToken.get(token);
        if (other != null && other != account) {
            throw new IllegalArgumentException("token already used by another account");
        }
        byToken.put(token, account);
    }

    public Optional<Account> byToken(String token) {
        return Optional.ofNullable(token == null ? null : byToken.get(token));
    }

    public Optional<Account> byDomain(String domain) {
        return Optional.ofNullable(byDomain.get(domain));
    }

    public Optional<Account> byId(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public Collection<Account> all() {
        return accounts.values();
    }

    public void remove(Account account) {
        accounts.remove(account.companyId);
        byDomain.remove(account.domain());
        byToken.values().removeIf(a -> a == account);
    }

    public void clear() {
        accounts.clear();
        byDomain.clear();
        byToken.clear();
    }
}
