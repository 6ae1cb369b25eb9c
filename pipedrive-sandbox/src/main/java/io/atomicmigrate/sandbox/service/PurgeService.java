package io.atomicmigrate.sandbox.service;

import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.repository.Account;
import io.atomicmigrate.sandbox.repository.AccountRepository;
import io.atomicmigrate.sandbox.repository.EntityTable;
import io.atomicmigrate.sandbox.repository.StoredEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Permanently removes soft-deleted persons, organizations, deals, activities and files once they
 * are older than the retention (30 days by default, D: DEL). Runs on a timer and whenever the
 * admin API advances the clock.
 */
public final class PurgeService {
    private final AccountRepository repository;
    private final SandboxClock clock;
    private final Behaviour behaviour;

    public PurgeService(AccountRepository repository, SandboxClock clock, Behaviour behaviour) {
        this.repository = repository;
        this.clock = clock;
        this.behaviour = behaviour;
    }

    public int purgeAll() {
        Instant cutoff = clock.now().minus(Duration.ofDays(behaviour.purgeAfterDays));
        int purged = 0;
        for (Account a : repository.all()) {
            a.lock.lock();
            try {
                for (EntityTable t : List.of(a.persons, a.organizations, a.deals, a.activities, a.files)) {
                    for (StoredEntity e : t.where(e -> e.isDeleted() && !e.deletedAt.isAfter(cutoff))) {
                        t.remove(e.key);
                        if (t == a.files) {
                            a.fileContents.remove(e.id);
                        }
                        purged++;
                    }
                }
            } finally {
                a.lock.unlock();
            }
        }
        return purged;
    }
}
