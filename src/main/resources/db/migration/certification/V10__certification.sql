-- certification: per-tenant policy, certificates (a snapshot of what they certify), numbering, and the
-- fixed-window counters that rate-limit public verification

CREATE TABLE certification_policy (
    tenant_id             UUID PRIMARY KEY REFERENCES tenant (id),
    attendance_threshold  INT NOT NULL CHECK (attendance_threshold BETWEEN 1 AND 100),
    updated_by            TEXT NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE certificate_sequence (
    tenant_id   UUID PRIMARY KEY REFERENCES tenant (id),
    last_value  BIGINT NOT NULL
);

CREATE TABLE certificate (
    id                 UUID PRIMARY KEY,
    tenant_id          UUID NOT NULL REFERENCES tenant (id),
    enrolment_id       UUID NOT NULL REFERENCES enrolment (id),
    run_id             UUID NOT NULL REFERENCES class_run (id),
    learner_id         UUID NOT NULL REFERENCES learner (id),
    number             TEXT NOT NULL UNIQUE,
    verification_code  TEXT NOT NULL UNIQUE CHECK (length(verification_code) >= 20),
    learner_name       TEXT NOT NULL,
    course_code        TEXT NOT NULL,
    course_title       TEXT NOT NULL,
    run_reference      TEXT NOT NULL,
    run_start          DATE NOT NULL,
    run_end            DATE NOT NULL,
    provider_name      TEXT NOT NULL,
    attendance_rate    NUMERIC(5, 1) NOT NULL,
    issued_on          DATE NOT NULL,
    issued_at          TIMESTAMPTZ NOT NULL,
    revoked_at         TIMESTAMPTZ,
    revoked_by         TEXT,
    revoke_reason      TEXT,
    revoked_automatically BOOLEAN NOT NULL DEFAULT FALSE
);
-- at most one live certificate per enrolment
CREATE UNIQUE INDEX certificate_live_key ON certificate (enrolment_id) WHERE revoked_at IS NULL;
CREATE INDEX certificate_run_idx ON certificate (tenant_id, run_id);
CREATE INDEX certificate_learner_idx ON certificate (tenant_id, learner_id);

CREATE TABLE verification_rate (
    address       TEXT PRIMARY KEY,
    window_start  TIMESTAMPTZ NOT NULL,
    requests      INT NOT NULL
);
CREATE INDEX verification_rate_window_idx ON verification_rate (window_start);
