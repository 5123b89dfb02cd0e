-- scheduling: trainers, class runs (seed 002's "sections") with their seats, sessions

CREATE TABLE trainer (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    full_name   TEXT NOT NULL,
    email       TEXT NOT NULL,
    user_id     UUID REFERENCES app_user (id),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX trainer_tenant_email_key ON trainer (tenant_id, lower(email));
CREATE UNIQUE INDEX trainer_user_key ON trainer (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE class_run (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    course_id           UUID NOT NULL REFERENCES course (id),
    reference           TEXT NOT NULL,
    start_date          DATE NOT NULL,
    end_date            DATE NOT NULL,
    registration_opens  DATE NOT NULL,
    registration_closes DATE NOT NULL,
    capacity            INT NOT NULL CHECK (capacity > 0),
    seats_taken         INT NOT NULL DEFAULT 0,
    mode_of_training    TEXT NOT NULL CHECK (mode_of_training IN ('1','2','3','4','5','6','7','8','9')),
    venue               TEXT NOT NULL DEFAULT '',
    in_house            BOOLEAN NOT NULL DEFAULT FALSE,
    waitlist_enabled    BOOLEAN NOT NULL DEFAULT FALSE,
    status              TEXT NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ONGOING', 'COMPLETED', 'CANCELLED')),
    ssg_run_id          TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CHECK (end_date >= start_date),
    CHECK (registration_closes >= registration_opens),
    -- the last line of defence: whatever the code does, a run never holds more than its capacity
    CHECK (seats_taken >= 0 AND seats_taken <= capacity)
);
CREATE UNIQUE INDEX class_run_tenant_reference_key ON class_run (tenant_id, lower(reference));
CREATE INDEX class_run_course_idx ON class_run (course_id);
CREATE INDEX class_run_open_idx ON class_run (tenant_id, status, registration_closes);

CREATE TABLE class_session (
    id                UUID PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    run_id            UUID NOT NULL REFERENCES class_run (id),
    session_date      DATE NOT NULL,
    start_time        TIME NOT NULL,
    end_time          TIME NOT NULL,
    mode_of_training  TEXT NOT NULL CHECK (mode_of_training IN ('1','2','3','4','5','6','7','8','9')),
    trainer_id        UUID REFERENCES trainer (id),
    venue             TEXT NOT NULL DEFAULT '',
    cancelled         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    CHECK (end_time > start_time)
);
CREATE INDEX class_session_run_idx ON class_session (run_id, session_date, start_time);
CREATE INDEX class_session_trainer_idx ON class_session (trainer_id, session_date);

-- A trainer is never booked in two sessions at once, even under concurrent writes.
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE class_session ADD CONSTRAINT class_session_trainer_no_overlap
    EXCLUDE USING gist (trainer_id WITH =, tsrange(session_date + start_time, session_date + end_time) WITH &&)
    WHERE (trainer_id IS NOT NULL AND NOT cancelled);
