-- What was sent, for verification: the mapped payload (symbolic references unresolved) and
-- which of its fields are references (they hold Pipedrive ids only the loader knows).
ALTER TABLE record_status ADD COLUMN sent_payload jsonb;
ALTER TABLE record_status ADD COLUMN reference_fields text[];

-- The latest verification of a run: per object counts and every mismatch, field by field.
CREATE TABLE verifications (
    run_id        text        PRIMARY KEY REFERENCES runs (run_id),
    migration_id  text        NOT NULL,
    complete      boolean     NOT NULL,
    report        jsonb       NOT NULL,
    verified_at   timestamptz NOT NULL DEFAULT now()
);
