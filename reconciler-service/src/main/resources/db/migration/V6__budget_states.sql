-- The latest rate-budget state of the Pipedrive account each migration writes to (budget.state,
-- published by the loader periodically and at once on a pause or resume). Only the latest is
-- kept: the events are frequent, and a dashboard needs where the budget stands now.
CREATE TABLE budget_states (
    migration_id text        PRIMARY KEY,
    event_id     uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);
