-- audit: the append-only, hash-chained audit trail

CREATE TABLE audit_event (
    id             BIGSERIAL PRIMARY KEY,
    tenant_id      UUID,                 -- NULL for platform-level events
    seq            BIGINT NOT NULL,      -- position in the tenant's chain, from 1
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor_type     TEXT NOT NULL,
    actor_id       TEXT,
    actor_label    TEXT NOT NULL,
    action         TEXT NOT NULL,
    entity_type    TEXT NOT NULL,
    entity_id      TEXT,
    changes        TEXT NOT NULL,        -- canonical JSON, hashed byte for byte
    correlation_id TEXT,
    client_address TEXT,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_event_chain_key ON audit_event (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq);
CREATE INDEX audit_event_tenant_time_idx ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_entity_idx ON audit_event (tenant_id, entity_type, entity_id);

-- Append-only, enforced by the database: even a role that holds UPDATE or DELETE cannot change a row.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
