-- Runs the reconciler conducts or heard of (run.started). run_id is unique across migrations
-- (the extractor keys its runs by it alone), migration_id is kept with it so no query ever
-- mixes two customers.
CREATE TABLE runs (
    run_id        text        PRIMARY KEY,
    migration_id  text        NOT NULL,
    kind          text        NOT NULL,
    map_version   integer     NOT NULL,
    sample_size   integer     NOT NULL DEFAULT 0,
    phases        text[]      NOT NULL,
    retry_of      text,                       -- RETRY runs: the run whose records they re-request
    -- RUNNING, AWAITING_CONFIRMATION (a sample waits for a person), CONFIRMED, COMPLETE
    state         text        NOT NULL,
    announced     boolean     NOT NULL DEFAULT false,  -- run.started is on the topic
    confirmed_by  text,
    confirmed_at  timestamptz,
    started_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz
);
CREATE INDEX runs_migration_idx ON runs (migration_id, started_at);

-- One row per phase of a run. PENDING → STARTING (to announce) → RUNNING → COMPLETE.
-- Announcing happens after the row says so, with deterministic event ids, so a crash in
-- between re-announces the very same event and consumers drop the copy.
CREATE TABLE phases (
    migration_id   text        NOT NULL,
    run_id         text        NOT NULL REFERENCES runs (run_id),
    phase          text        NOT NULL,
    position       integer     NOT NULL,
    state          text        NOT NULL,
    expected_rows  bigint,                    -- phase.extracted rowCount
    checksum       text,                      -- phase.extracted checksum
    extracted_at   timestamptz,               -- when phase.extracted arrived
    started_at     timestamptz,
    completed_at   timestamptz,
    accepted_by    text,                      -- a person completed a STALLED phase as it was
    accepted_note  text,
    last_report    jsonb,                     -- the last report published, to publish only changes
    PRIMARY KEY (run_id, phase)
);

-- The per-record status ledger: one row per source row per phase of a run. Every event sets
-- only its own columns with an upsert keyed by the record, so a redelivered event writes the
-- same values again and the counts, derived from these rows, never count anything twice —
-- whatever order the four topics deliver in.
CREATE TABLE record_status (
    migration_id   text        NOT NULL,
    run_id         text        NOT NULL,
    phase          text        NOT NULL,
    source_table   text        NOT NULL,
    source_id      text        NOT NULL,
    extracted_at   timestamptz,
    row_hash       text,
    change         text,
    -- the source row, kept while the record may need a retry (rejected, failed, not loaded yet)
    source_row     jsonb,
    mapping        text        CHECK (mapping IN ('MAPPED', 'REJECTED')),
    mapped_at      timestamptz,
    object         text,
    reasons        jsonb,                     -- [{field, code, message}] of a rejection
    reason_codes   text[],
    outcome        text        CHECK (outcome IN ('CREATED', 'MERGED', 'UPDATED', 'UNCHANGED', 'DELETED', 'FAILED')),
    outcome_at     timestamptz,
    pipedrive_id   text,
    error_code     text,
    error_status   integer,
    error_message  text,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (migration_id, run_id, phase, source_table, source_id)
);
CREATE INDEX record_status_problems_idx ON record_status (migration_id, run_id)
    WHERE mapping = 'REJECTED' OR outcome = 'FAILED';
