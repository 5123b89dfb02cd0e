-- gateway: each tenant's retry policy, the circuit breaker per tenant and target, and reconciliation
-- of local records with the gateway's (see docs/adr/0010-gateway-resilience.md)

CREATE TABLE gateway_retry_policy (
    tenant_id                 UUID PRIMARY KEY REFERENCES tenant (id),
    base_delay_seconds        INT NOT NULL,
    max_delay_seconds         INT NOT NULL,
    max_attempts              INT NOT NULL,
    breaker_failure_threshold INT NOT NULL,   -- consecutive transient failures that open the breaker
    breaker_cool_down_seconds INT NOT NULL,   -- how long it stays open before one trial call
    updated_at                TIMESTAMPTZ NOT NULL,
    updated_by                TEXT NOT NULL
);

-- one row per tenant and target once a call failed; shared by every instance's workers
CREATE TABLE gateway_circuit (
    tenant_id            UUID NOT NULL REFERENCES tenant (id),
    target               TEXT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('CLOSED', 'OPEN', 'HALF_OPEN')),
    consecutive_failures INT NOT NULL,
    opened_at            TIMESTAMPTZ,
    retry_at             TIMESTAMPTZ,      -- OPEN: when the trial call may go; HALF_OPEN: when the trial's lease ends
    trial_job            UUID,
    last_error           TEXT,
    updated_at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, target)
);
CREATE INDEX gateway_circuit_due_idx ON gateway_circuit (retry_at) WHERE state <> 'CLOSED';

CREATE TABLE reconciliation (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    trigger        TEXT NOT NULL CHECK (trigger IN ('SCHEDULED', 'ON_DEMAND')),
    run_id         UUID,                     -- asked for one run; NULL: every published run
    requested_by   TEXT NOT NULL,
    correlation_id TEXT,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    runs_checked   INT NOT NULL DEFAULT 0,
    discrepancies  INT NOT NULL DEFAULT 0,
    failed_checks  INT NOT NULL DEFAULT 0
);
CREATE INDEX reconciliation_tenant_idx ON reconciliation (tenant_id, started_at DESC);

-- one comparison of one kind of record of one run: matched, discrepancies found, or the search failed
CREATE TABLE reconciliation_check (
    id                UUID PRIMARY KEY,
    reconciliation_id UUID NOT NULL REFERENCES reconciliation (id),
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    run_id            UUID NOT NULL,
    record_type       TEXT NOT NULL,           -- class_run, enrolment (assessment to come)
    outcome           TEXT NOT NULL CHECK (outcome IN ('MATCHED', 'DISCREPANCIES', 'FAILED')),
    error             TEXT,                    -- FAILED: why the gateway could not be asked
    checked_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX reconciliation_check_run_idx ON reconciliation_check (tenant_id, run_id, record_type, checked_at DESC);
CREATE INDEX reconciliation_check_parent_idx ON reconciliation_check (reconciliation_id);

CREATE TABLE reconciliation_discrepancy (
    id                UUID PRIMARY KEY,
    check_id          UUID NOT NULL REFERENCES reconciliation_check (id),
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    run_id            UUID NOT NULL,
    record_type       TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('MISSING_REMOTELY', 'STATUS_DIFFERS', 'UNKNOWN_REMOTELY')),
    entity_id         UUID,                    -- the local record, when there is one
    gateway_reference TEXT,                    -- the gateway's record, when there is one
    local_status      TEXT,
    remote_status     TEXT,
    detail            TEXT NOT NULL            -- never a clear national id
);
CREATE INDEX reconciliation_discrepancy_check_idx ON reconciliation_discrepancy (check_id);
