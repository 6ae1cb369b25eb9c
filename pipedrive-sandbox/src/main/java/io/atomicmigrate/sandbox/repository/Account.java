package io.atomicmigrate.sandbox.repository;

import io.atomicmigrate.sandbox.config.AccountSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All data of one Pipedrive company account. Every read or write of it happens under {@link #lock},
 * which keeps the many small stores consistent with each other (referential checks) without
 * per-table locking.
 */
public final class Account {
    public final long companyId;
    public volatile AccountSpec spec;
    public final ReentrantLock lock = new ReentrantLock();
    /** Seeded, so 40-hex keys and UUIDs are reproducible per sandbox seed (checklist 26). */
    public final Random random;

    public final EntityTable users = new EntityTable("user");
    public final EntityTable persons = new EntityTable("person");
    public final EntityTable organizations = new EntityTable("organization");
    public final EntityTable deals = new EntityTable("deal");
    public final EntityTable activities = new EntityTable("activity");
    public final EntityTable pipelines = new EntityTable("pipeline");
    public final EntityTable stages = new EntityTable("stage");
    public final EntityTable notes = new EntityTable("note");
    public final EntityTable files = new EntityTable("file");
    public final EntityTable activityTypes = new EntityTable("activityType");
    public final EntityTable leads = new EntityTable("lead");
    public final EntityTable leadLabels = new EntityTable("leadLabel");
    public final EntityTable participants = new EntityTable("participant");
    /** File contents by file id. */
    public final Map<Long, byte[]> fileContents = new LinkedHashMap<>();
    /** Fields by entity ("person", "organization", "deal"), in order. */
    public final Map<String, List<FieldDefinition>> fields = new LinkedHashMap<>();
    /** API and OAuth tokens of this account's users. */
    public final Map<String, TokenGrant> tokens = new LinkedHashMap<>();
    public long lastFieldId;
    public long lastOptionId;
    /** 402 on every call when false. */
    public volatile boolean open = true;
    /** Plan caps that trigger 403 feature_capping_*; null = unlimited. */
    public volatile Integer openDealsCap;
    public volatile Integer customFieldsCap;
    public volatile Integer activityTypesCap;

    public Account(long companyId, AccountSpec spec, long seed) {
        this.companyId = companyId;
        this.spec = spec;
        this.random = new Random(seed ^ (companyId * 0x9E3779B97F4A7C15L));
        for (String entity : List.of("person", "organization", "deal")) {
            fields.put(entity, new ArrayList<>());
        }
    }

    public List<EntityTable> tables() {
        return List.of(users, persons, organizations, deals, activities, pipelines, stages, notes, files,
                activityTypes, leads, leadLabels, participants);
    }

    public EntityTable table(String type) {
        return tables().stream().filter(t -> t.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown entity type " + type));
    }

    /** A fresh 40-char lowercase hex key never used in this account. */
    public String newFieldKey() {
        while (true) {
            StringBuilder sb = new StringBuilder(40);
            for (int i = 0; i < 40; i++) {
                sb.append(Character.forDigit(random.nextInt(16), 16));
            }
            String key = sb.toString();
            boolean used = fields.values().stream().flatMap(List::stream).anyMatch(f -> f.code.equals(key));
            if (!used) {
                return key;
            }
        }
    }

    public String newUuid() {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    public String domain() {
        return spec.companyDomain();
    }

    /** Which user a token belongs to and whether it is an OAuth token (burst limits differ). */
    public record TokenGrant(long userId, boolean oauth) {
    }
}
