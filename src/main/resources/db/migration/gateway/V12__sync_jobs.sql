-- gateway: durable outbound jobs (TPGateway first, later Moodle and webhooks)

CREATE TABLE sync_job (
    id                UUID PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    target            TEXT NOT NULL,
    operation         TEXT NOT NULL,
    entity_type       TEXT NOT NULL,
    entity_id         UUID NOT NULL,
    idempotency_key   TEXT NOT NULL,
    payload           TEXT NOT NULL,          -- JSON snapshot taken when the job was written
    status            TEXT NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'RETRYING', 'DEAD', 'CANCELLED')),
    attempts          INT NOT NULL DEFAULT 0,
    max_attempts      INT NOT NULL,
    next_attempt_at   TIMESTAMPTZ NOT NULL,
    lease_until       TIMESTAMPTZ,            -- a RUNNING job whose lease ran out is claimed again
    leased_by         TEXT,
    last_error        TEXT,
    gateway_reference TEXT,
    correlation_id    TEXT,
    waits_for         UUID REFERENCES sync_job (id),
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ
);
CREATE UNIQUE INDEX sync_job_idempotency_key ON sync_job (tenant_id, idempotency_key);
CREATE INDEX sync_job_due_idx ON sync_job (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX sync_job_leased_idx ON sync_job (lease_until) WHERE status = 'RUNNING';
CREATE INDEX sync_job_entity_idx ON sync_job (tenant_id, entity_type, entity_id);
CREATE INDEX sync_job_status_idx ON sync_job (tenant_id, status);
