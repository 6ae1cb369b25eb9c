-- The rows a mapped record's references point at ([{field, table, sourceId}]), so verification
-- can check links (a person's organization, a deal's person) against the ids the ledger holds.
ALTER TABLE record_status ADD COLUMN reference_targets jsonb;
