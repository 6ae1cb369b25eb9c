-- The mapper's third verdict: a SKIP (record.mapped with action SKIP) says a row produces no write
-- in this phase, and why; it expects no loader outcome. extracted = mapped + rejected + skipped.
-- Its reason is kept in reasons as [{code: 'SKIP', message}].
ALTER TABLE record_status DROP CONSTRAINT record_status_mapping_check;
ALTER TABLE record_status ADD CONSTRAINT record_status_mapping_check
    CHECK (mapping IN ('MAPPED', 'REJECTED', 'SKIPPED'));
