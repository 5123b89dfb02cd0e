-- assessment: one result per (enrolment, module) at a time, every version kept, voids with a reason

CREATE TABLE assessment (
    id             UUID PRIMARY KEY,              -- stable over versions
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    run_id         UUID NOT NULL REFERENCES class_run (id),
    enrolment_id   UUID NOT NULL REFERENCES enrolment (id),
    learner_id     UUID NOT NULL REFERENCES learner (id),
    module_id      UUID NOT NULL REFERENCES course_module (id),
    version        INT NOT NULL CHECK (version > 0),   -- the current version (assessment_version holds all)
    result         TEXT NOT NULL CHECK (result IN ('COMPETENT', 'NOT_YET_COMPETENT', 'EXEMPT')),
    score          NUMERIC(5, 2) CHECK (score BETWEEN 0 AND 100),
    grade          TEXT CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    assessed_on    DATE NOT NULL,
    remarks        TEXT NOT NULL DEFAULT '',
    recorded_by    TEXT NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    voided_at      TIMESTAMPTZ,
    voided_by      TEXT,
    void_reason    TEXT,
    ssg_reference  TEXT                            -- TPGateway's assessment reference once synced
);
-- exactly one active (not voided) result per enrolment and module
CREATE UNIQUE INDEX assessment_active_key ON assessment (enrolment_id, module_id) WHERE voided_at IS NULL;
CREATE INDEX assessment_run_idx ON assessment (tenant_id, run_id);
CREATE INDEX assessment_enrolment_idx ON assessment (tenant_id, enrolment_id);

CREATE TABLE assessment_version (
    assessment_id  UUID NOT NULL REFERENCES assessment (id),
    version        INT NOT NULL,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    result         TEXT NOT NULL,
    score          NUMERIC(5, 2),
    grade          TEXT,
    assessed_on    DATE NOT NULL,
    remarks        TEXT NOT NULL,
    changed_by     TEXT NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    correlation_id TEXT,
    PRIMARY KEY (assessment_id, version)
);
