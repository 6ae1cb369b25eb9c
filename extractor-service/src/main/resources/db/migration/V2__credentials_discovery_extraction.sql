-- Credentials, encrypted with AES-GCM by the service (DESIGN §8): bytea, never text.
ALTER TABLE migrations
    ADD COLUMN source_ssl_mode          text,
    ADD COLUMN source_password          bytea,
    ADD COLUMN source_service_role_key  bytea,
    ADD COLUMN destination_api_token    bytea,
    ADD COLUMN storage_url              text,
    ADD COLUMN storage_key              bytea,
    -- customer front-end code (not a secret): the <CRM> props are a configuration source
    ADD COLUMN app_tsx                  text,
    ADD COLUMN options                  jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The latest discovery of each migration, and the scoping report computed from it.
CREATE TABLE discoveries (
    migration_id  text        PRIMARY KEY REFERENCES migrations (id) ON DELETE CASCADE,
    discovered_at timestamptz NOT NULL DEFAULT now(),
    report        jsonb       NOT NULL
);

-- Runs the extractor has heard of (run.started), so a phase.started knows its kind and sample size.
CREATE TABLE runs (
    run_id       text        PRIMARY KEY,
    migration_id text        NOT NULL,
    kind         text        NOT NULL,
    sample_size  integer     NOT NULL DEFAULT 0,
    phases       text[]      NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per (run, phase): makes phase.started idempotent. A redelivered start of a DONE phase
-- re-announces the stored result instead of streaming again.
CREATE TABLE phase_extractions (
    run_id          text        NOT NULL,
    phase           text        NOT NULL,
    migration_id    text        NOT NULL,
    state           text        NOT NULL,
    row_count       bigint,
    per_table       jsonb,
    checksum        text,
    deleted_count   bigint,
    unchanged_count bigint,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    PRIMARY KEY (run_id, phase)
);

-- Row hashes of the last full or delta run, per migration and phase scope: what a delta compares
-- against (ATOMIC_CRM.md §8.4: the source has no reliable change timestamp). prev_hash keeps the
-- value before the current run touched the row, so a restarted phase decides the same way.
CREATE TABLE row_hashes (
    migration_id   text NOT NULL,
    scope          text NOT NULL,
    tbl            text NOT NULL,
    source_id      text NOT NULL,
    row_hash       text NOT NULL,
    prev_hash      text,
    last_run       text NOT NULL,
    deleted_in_run text,
    PRIMARY KEY (migration_id, scope, tbl, source_id)
);
