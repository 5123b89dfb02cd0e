-- enrolment: learners in class runs, the FIFO waitlist, withdrawals and fees

CREATE TABLE enrolment (
    id                     UUID PRIMARY KEY,
    tenant_id              UUID NOT NULL REFERENCES tenant (id),
    run_id                 UUID NOT NULL REFERENCES class_run (id),
    learner_id             UUID NOT NULL REFERENCES learner (id),
    status                 TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'WITHDRAWN', 'COMPLETED', 'CANCELLED')),
    queue_no               BIGSERIAL,            -- arrival order: the waitlist is served by it
    sponsorship_type       TEXT NOT NULL CHECK (sponsorship_type IN ('INDIVIDUAL', 'EMPLOYER')),
    employer_uen           TEXT,
    fee_amount             NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (fee_amount >= 0),
    discount_amount        NUMERIC(12, 2) NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
    fee_collection_status  TEXT NOT NULL DEFAULT 'PENDING' CHECK (fee_collection_status IN ('PENDING', 'PARTIAL', 'FULL', 'CANCELLED')),
    source                 TEXT NOT NULL,        -- STAFF, SELF, IMPORT, CRM
    enrolled_at            TIMESTAMPTZ NOT NULL,
    confirmed_at           TIMESTAMPTZ,
    ended_at               TIMESTAMPTZ,          -- withdrawn, cancelled or completed
    end_reason             TEXT,
    updated_at             TIMESTAMPTZ NOT NULL
);
-- one live enrolment of a learner per run
CREATE UNIQUE INDEX enrolment_live_key ON enrolment (run_id, learner_id)
    WHERE status IN ('CONFIRMED', 'WAITLISTED', 'COMPLETED');
CREATE INDEX enrolment_run_idx ON enrolment (run_id, status, queue_no);
CREATE INDEX enrolment_learner_idx ON enrolment (tenant_id, learner_id);
