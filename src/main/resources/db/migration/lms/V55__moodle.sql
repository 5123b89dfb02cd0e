-- lms: Moodle provisioning. Each tenant's Moodle connection (its web service token sealed), the Moodle
-- user each learner became, and where each enrolment stands in Moodle.

CREATE TABLE moodle_settings (
    tenant_id        UUID PRIMARY KEY REFERENCES tenant (id),
    enabled          BOOLEAN NOT NULL,
    base_url         TEXT NOT NULL,
    token_sealed     BYTEA NOT NULL,
    student_role_id  BIGINT NOT NULL CHECK (student_role_id > 0),
    timeout_ms       INT NOT NULL DEFAULT 10000 CHECK (timeout_ms BETWEEN 100 AND 120000),
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       TEXT NOT NULL
);

-- the Moodle user a learner was found as or created as on one site (base URL), kept as soon as it is known
-- (a retry skips the search; another site, or a user gone from the site, is looked up again)
CREATE TABLE moodle_user (
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    learner_id      UUID NOT NULL,
    base_url        TEXT NOT NULL,
    moodle_user_id  BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, learner_id, base_url)
);

-- an enrolment as Moodle has it, written with the success of its job
CREATE TABLE moodle_enrolment (
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    enrolment_id      UUID NOT NULL,
    moodle_user_id    BIGINT NOT NULL,
    moodle_course_id  BIGINT NOT NULL,
    state             TEXT NOT NULL CHECK (state IN ('ENROLLED', 'UNENROLLED')),
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, enrolment_id)
);
