-- Every lifecycle event seen, once. The event id is the primary key, so a redelivered
-- event is a no-op: counts derived from this table never double-count.
CREATE TABLE lifecycle_events (
    event_id     uuid        PRIMARY KEY,
    migration_id text        NOT NULL,
    run_id       text,
    phase        text,
    type         text        NOT NULL,
    kafka_key    text        NOT NULL,
    kafka_partition integer  NOT NULL,
    kafka_offset bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    payload      jsonb       NOT NULL
);
CREATE INDEX lifecycle_events_migration_idx ON lifecycle_events (migration_id, occurred_at);
