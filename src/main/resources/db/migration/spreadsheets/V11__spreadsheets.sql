-- spreadsheets: CSV imports, processed row by row in the background, with a result per row

CREATE TABLE import_job (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    kind             TEXT NOT NULL CHECK (kind IN ('LEARNERS', 'ENROLMENTS')),
    run_id           UUID REFERENCES class_run (id),          -- the run enrolments go into
    file_name        TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    total_rows       INT NOT NULL,
    processed_rows   INT NOT NULL DEFAULT 0,
    created          INT NOT NULL DEFAULT 0,
    duplicates       INT NOT NULL DEFAULT 0,
    invalid          INT NOT NULL DEFAULT 0,
    skipped          INT NOT NULL DEFAULT 0,
    failure          TEXT,                                    -- why a FAILED job stopped
    created_by       UUID NOT NULL,                           -- the submitting user: a resumed job acts as them
    created_by_name  TEXT NOT NULL,
    created_by_roles TEXT NOT NULL,                           -- their roles at submission, comma-separated
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'ENROLMENTS') = (run_id IS NOT NULL))
);
CREATE INDEX import_job_tenant_idx ON import_job (tenant_id, created_at DESC);
CREATE INDEX import_job_unfinished_idx ON import_job (status) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE import_row (
    job_id         UUID NOT NULL REFERENCES import_job (id),
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    row_number     INT NOT NULL,          -- as a spreadsheet numbers it: the header is row 1
    raw            TEXT NOT NULL,         -- the row as a JSON object; the national id is masked once processed
    parse_error    TEXT,                  -- a row the CSV reader could not take as it is
    outcome        TEXT CHECK (outcome IN ('CREATED', 'DUPLICATE', 'INVALID', 'SKIPPED')),   -- null until processed
    message        TEXT,
    entity_id      UUID,                  -- the learner or enrolment created, or the existing duplicate
    processed_at   TIMESTAMPTZ,
    PRIMARY KEY (job_id, row_number)
);
CREATE INDEX import_row_pending_idx ON import_row (job_id, row_number) WHERE outcome IS NULL;
CREATE INDEX import_row_outcome_idx ON import_row (job_id, outcome, row_number);
