-- One row per migration the platform runs. Credentials are added by the
-- "create a migration" capability, encrypted; nothing secret is stored here yet.
CREATE TABLE migrations (
    id               text        PRIMARY KEY,
    name             text        NOT NULL,
    source_host      text        NOT NULL,
    source_port      integer     NOT NULL,
    source_database  text        NOT NULL,
    source_user      text,
    destination_domain   text,
    destination_base_url text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
