-- The id ledger (DESIGN §4): one row per destination record a source row produced. It is what
-- makes idempotent writes (intent → done), delta (request_hash), verification (pipedrive_id)
-- and rollback (how + before_image, reverse dependency order by object) possible.
create table id_ledger (
    migration_id  text        not null,
    source_table  text        not null,
    source_id     text        not null,
    object        text        not null,      -- organization, person, lead, deal, note, activity, label, user
    marker        text        not null,      -- value of the hidden marker field: <table>:<id>[:lead]
    state         text        not null check (state in ('intent', 'done', 'failed', 'deleted')),
    how           text                 check (how in ('created', 'merged', 'matched')),
    pipedrive_id  text,
    account_id    bigint      not null,      -- the Pipedrive company the record lives in
    request_hash  text        not null,      -- sha-256 of the resolved request body: unchanged rows are skipped on delta
    before_image  jsonb,                     -- the existing record as it was before we merged into it
    outcome       jsonb,                     -- the last RecordOutcome published, re-published on redelivery
    run_id        text,
    map_version   int,
    attempts      int         not null default 0,
    intent_at     timestamptz not null,
    done_at       timestamptz,
    updated_at    timestamptz not null default now(),
    primary key (migration_id, source_table, source_id, object)
);
create index id_ledger_open_intents on id_ledger (migration_id) where state = 'intent';
create index id_ledger_by_pipedrive_id on id_ledger (account_id, object, pipedrive_id);

-- Destination configuration the setup resolved or created (pipelines, stages, activity types,
-- fields, field options, labels). created = false means it already existed: rollback keeps it.
create table destination_objects (
    migration_id  text        not null,
    kind          text        not null,      -- pipeline, stage, activity_type, field, field_option, lead_label
    name          text        not null,      -- logical key, e.g. "person.Job title", "Sales/Qualified"
    pipedrive_id  text        not null,      -- id, field_code or key_string
    created       boolean     not null,
    account_id    bigint      not null,
    detail        jsonb,
    recorded_at   timestamptz not null default now(),
    primary key (migration_id, kind, name)
);

-- The destination of a migration once set up: the approved map it was built for and the
-- destination.ready payload (re-published as is when the same approval is redelivered).
create table destinations (
    migration_id  text        primary key,
    account_id    bigint      not null,
    map_version   int         not null,
    map_hash      text        not null,
    map_document  jsonb       not null,
    ready         jsonb       not null,
    ready_at      timestamptz not null default now()
);

-- Atomic CRM sales rows and the Pipedrive user each one resolved to (DESIGN §1 step 6).
create table owners (
    migration_id       text   not null,
    sales_id           text   not null,
    email              text,
    name               text,
    pipedrive_user_id  bigint,
    resolved_by        text,                -- email, override, fallback, default-owner
    updated_at         timestamptz not null default now(),
    primary key (migration_id, sales_id)
);

-- Shared rate budget (DESIGN §5), shared by every replica writing to the same company account.
-- Burst: the grant times of the last `window_limit` requests per API token, so a request is
-- granted only when the rolling window has room. Daily: tokens charged per company and day.
create table burst_windows (
    token_key      text        primary key, -- sha-256 prefix of the API token, never the token
    account_id     bigint      not null,
    window_limit   int         not null,
    window_ms      int         not null,
    grants         bigint[]    not null default '{}'
);

create table daily_budgets (
    account_id     bigint      primary key,
    day            date        not null,
    budget         bigint      not null,
    spent          bigint      not null default 0,
    paused_until   timestamptz,
    pause_reason   text
);
