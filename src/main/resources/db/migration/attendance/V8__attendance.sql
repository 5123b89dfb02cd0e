-- attendance: one row per (session, enrolment), with the history of every correction

CREATE TABLE attendance (
    id             UUID PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    session_id     UUID NOT NULL REFERENCES class_session (id),
    run_id         UUID NOT NULL REFERENCES class_run (id),
    enrolment_id   UUID NOT NULL REFERENCES enrolment (id),
    learner_id     UUID NOT NULL REFERENCES learner (id),
    status         TEXT NOT NULL CHECK (status IN ('PRESENT', 'ABSENT', 'LATE', 'EXCUSED')),
    remarks        TEXT NOT NULL DEFAULT '',
    hours          NUMERIC(5, 2) NOT NULL,      -- hours credited: the session's length when PRESENT or LATE
    method         TEXT NOT NULL CHECK (method IN ('SHEET', 'SINGLE', 'CHECK_IN')),
    marked_by      TEXT NOT NULL,
    marked_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (session_id, enrolment_id)
);
CREATE INDEX attendance_run_idx ON attendance (run_id, enrolment_id);

CREATE TABLE attendance_history (
    id             BIGSERIAL PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    attendance_id  UUID NOT NULL REFERENCES attendance (id),
    old_status     TEXT,
    new_status     TEXT NOT NULL,
    old_remarks    TEXT,
    new_remarks    TEXT NOT NULL,
    changed_by     TEXT NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL,
    correlation_id TEXT
);
CREATE INDEX attendance_history_attendance_idx ON attendance_history (attendance_id, id);
