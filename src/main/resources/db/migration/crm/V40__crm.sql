-- crm: inbound Zoho webhooks. What each Zoho record became in Cohort, the idempotency keys of the
-- deliveries, and each delivery with its per-record outcomes.

-- one row per Zoho record synced: the Cohort record it became and the fingerprint of its fields
CREATE TABLE crm_record (
    tenant_id    UUID NOT NULL REFERENCES tenant (id),
    entity       TEXT NOT NULL CHECK (entity IN ('student', 'program', 'class', 'enrollment', 'teacher')),
    zoho_id      TEXT NOT NULL,
    cohort_id    UUID NOT NULL,
    fingerprint  TEXT NOT NULL,
    fields       JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, entity, zoho_id)
);

-- a request's idempotency key: inserted (IN_PROGRESS) and committed before the records are processed,
-- so that a twin on any instance sees it; DONE keeps the exact response bytes until it expires. Keys
-- are scoped per endpoint: the same body sent to two endpoints is two requests.
CREATE TABLE crm_idempotency_key (
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    entity           TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    request_hash     TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('IN_PROGRESS', 'DONE')),
    response         BYTEA,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, entity, idempotency_key)
);
CREATE INDEX crm_idempotency_key_expiry_idx ON crm_idempotency_key (expires_at);

CREATE TABLE crm_delivery (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    entity           TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ NOT NULL,
    record_count     INT NOT NULL,
    counts           JSONB NOT NULL
);
CREATE INDEX crm_delivery_tenant_idx ON crm_delivery (tenant_id, received_at DESC);

CREATE TABLE crm_delivery_result (
    delivery_id  UUID NOT NULL REFERENCES crm_delivery (id) ON DELETE CASCADE,
    position     INT NOT NULL,
    zoho_id      TEXT,
    status       TEXT NOT NULL,
    reason       TEXT,
    message      TEXT NOT NULL,
    PRIMARY KEY (delivery_id, position)
);
CREATE INDEX crm_delivery_result_status_idx ON crm_delivery_result (delivery_id, status);

-- per-tenant CRM settings: the capacity of a class run whose Zoho class names none
CREATE TABLE crm_settings (
    tenant_id         UUID PRIMARY KEY REFERENCES tenant (id),
    default_capacity  INT NOT NULL CHECK (default_capacity > 0)
);
