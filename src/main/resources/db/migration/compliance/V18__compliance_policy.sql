-- compliance: each tenant's deadline policy, and the deadline states the daily pass records (so the
-- dashboard can say since when a deadline is due soon or overdue)

CREATE TABLE compliance_policy (
    tenant_id                       UUID PRIMARY KEY REFERENCES tenant (id),
    run_published_days_before_start INT NOT NULL,
    enrolments_days_after_start     INT NOT NULL,   -- negative: before the start
    records_days_after_end          INT NOT NULL,   -- attendance and assessments
    in_house_records_days_after_end INT NOT NULL,
    due_soon_days                   INT NOT NULL,
    updated_at                      TIMESTAMPTZ NOT NULL,
    updated_by                      TEXT NOT NULL
);

CREATE TABLE run_deadline_state (
    tenant_id     UUID NOT NULL REFERENCES tenant (id),
    run_id        UUID NOT NULL,
    deadline_type TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('ON_TRACK', 'DUE_SOON', 'OVERDUE', 'DONE')),
    due           DATE NOT NULL,
    since         TIMESTAMPTZ NOT NULL,             -- when the pass first saw this status
    checked_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, deadline_type)
);
CREATE INDEX run_deadline_state_tenant_idx ON run_deadline_state (tenant_id);
