-- analytics: learning analytics (seed 004). Each tenant's MOOC and H5P sources (tokens sealed), the MOOC
-- course each class run follows, seed 004's detail and summary tables per tenant with their unique
-- (tenant, user, course) keys, the xAPI statements Cohort keeps as a small LRS, each run's ingestion
-- state (a resumable cursor) and the feature row (raw_data) with its dropout risk.

CREATE TABLE analytics_settings (
    tenant_id         UUID PRIMARY KEY REFERENCES tenant (id),
    mooc_base_url     TEXT NOT NULL,
    mooc_token_sealed BYTEA NOT NULL,
    h5p_base_url      TEXT NOT NULL,
    h5p_token_sealed  BYTEA NOT NULL,
    risk_threshold    NUMERIC(4, 3) NOT NULL DEFAULT 0.6 CHECK (risk_threshold > 0 AND risk_threshold < 1),
    page_size         INT NOT NULL DEFAULT 100 CHECK (page_size BETWEEN 1 AND 1000),
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT NOT NULL
);

-- the MOOC course a class run follows (seed 004's course_id)
CREATE TABLE analytics_run_course (
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    run_id          UUID NOT NULL REFERENCES class_run (id),
    mooc_course_id  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, run_id)
);
CREATE UNIQUE INDEX analytics_run_course_course_key ON analytics_run_course (tenant_id, mooc_course_id);

-- /course-enrollments-attributes/{course_id}/ ; learner_id is the Cohort learner the MOOC user was
-- matched to (external id link, then email), NULL while unmatched
CREATE TABLE mooc_enrollment (
    id              BIGSERIAL PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    course_id       TEXT NOT NULL,
    user_id         BIGINT NOT NULL,
    username        TEXT NOT NULL,
    email           TEXT,
    full_name       TEXT,
    enrollment_id   BIGINT NOT NULL,
    mode            TEXT,
    is_active       BOOLEAN NOT NULL,
    created         TIMESTAMPTZ,
    all_attributes  JSONB NOT NULL DEFAULT '{}',
    learner_id      UUID,
    UNIQUE (tenant_id, user_id, course_id),
    UNIQUE (tenant_id, course_id, enrollment_id)
);
CREATE INDEX mooc_enrollment_course_idx ON mooc_enrollment (tenant_id, course_id);
CREATE INDEX mooc_enrollment_user_idx ON mooc_enrollment (tenant_id, user_id);
CREATE INDEX mooc_enrollment_unmatched_idx ON mooc_enrollment (tenant_id, course_id) WHERE learner_id IS NULL;

-- a MOOC user linked by OPS (or found by email once) to a learner: the external id the next match uses first
CREATE TABLE mooc_user_link (
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    user_id     BIGINT NOT NULL,
    learner_id  UUID NOT NULL,
    linked_by   TEXT NOT NULL,
    linked_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE mooc_grades (
    id                BIGSERIAL PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    user_id           BIGINT NOT NULL,
    course_id         TEXT NOT NULL,
    percent_grade     NUMERIC(6, 4),
    grade_percentage  NUMERIC(6, 2),
    letter_grade      TEXT,
    is_passed         BOOLEAN,
    fetched_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX mooc_grades_course_idx ON mooc_grades (tenant_id, course_id);
CREATE INDEX mooc_grades_percentage_idx ON mooc_grades (tenant_id, grade_percentage);
CREATE INDEX mooc_grades_passed_idx ON mooc_grades (tenant_id, is_passed);

CREATE TABLE mooc_progress (
    id                BIGSERIAL PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    user_id           BIGINT NOT NULL,
    course_id         TEXT NOT NULL,
    total_blocks      INT,
    completed_blocks  INT,
    progress_percent  NUMERIC(5, 2),
    current_chapter   TEXT,
    current_section   TEXT,
    current_unit      TEXT,
    completion_rate   NUMERIC(5, 4),
    last_activity     TIMESTAMPTZ,
    fetched_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX mooc_progress_course_idx ON mooc_progress (tenant_id, course_id);
CREATE INDEX mooc_progress_completion_idx ON mooc_progress (tenant_id, completion_rate);

CREATE TABLE mooc_discussions (
    id                  BIGSERIAL PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    user_id             BIGINT NOT NULL,
    course_id           TEXT NOT NULL,
    threads_count       INT NOT NULL DEFAULT 0,
    comments_count      INT NOT NULL DEFAULT 0,
    total_interactions  INT NOT NULL DEFAULT 0,
    questions_count     INT NOT NULL DEFAULT 0,
    total_upvotes       INT NOT NULL DEFAULT 0,
    fetched_at          TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX mooc_discussions_course_idx ON mooc_discussions (tenant_id, course_id);
CREATE INDEX mooc_discussions_interactions_idx ON mooc_discussions (tenant_id, total_interactions);

-- one row per H5P content a user scored in a course (from the H5P source or from xAPI statements)
CREATE TABLE h5p_scores (
    id             BIGSERIAL PRIMARY KEY,
    tenant_id      UUID NOT NULL REFERENCES tenant (id),
    user_id        BIGINT NOT NULL,
    course_id      TEXT NOT NULL,
    content_id     BIGINT NOT NULL,
    content_title  TEXT,
    score          INT NOT NULL,
    max_score      INT NOT NULL,
    percentage     NUMERIC(5, 2),
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id, content_id)
);
CREATE INDEX h5p_scores_course_idx ON h5p_scores (tenant_id, course_id);

CREATE TABLE h5p_scores_summary (
    id                  BIGSERIAL PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    user_id             BIGINT NOT NULL,
    course_id           TEXT NOT NULL,
    total_contents      INT NOT NULL,
    completed_contents  INT NOT NULL,
    total_score         INT NOT NULL,
    total_max_score     INT NOT NULL,
    overall_percentage  NUMERIC(5, 2),
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX h5p_scores_summary_course_idx ON h5p_scores_summary (tenant_id, course_id);

CREATE TABLE video_progress (
    id                BIGSERIAL PRIMARY KEY,
    tenant_id         UUID NOT NULL REFERENCES tenant (id),
    user_id           BIGINT NOT NULL,
    course_id         TEXT NOT NULL,
    content_id        BIGINT NOT NULL,
    content_title     TEXT,
    progress_percent  NUMERIC(5, 2) NOT NULL,
    current_time_s    INT NOT NULL DEFAULT 0,
    duration          INT NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED')),
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id, content_id)
);
CREATE INDEX video_progress_course_idx ON video_progress (tenant_id, course_id);

CREATE TABLE video_progress_summary (
    id                  BIGSERIAL PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    user_id             BIGINT NOT NULL,
    course_id           TEXT NOT NULL,
    total_videos        INT NOT NULL,
    completed_videos    INT NOT NULL,
    in_progress_videos  INT NOT NULL,
    total_duration      INT NOT NULL,
    total_watched_time  INT NOT NULL,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX video_progress_summary_course_idx ON video_progress_summary (tenant_id, course_id);

CREATE TABLE dashboard_summary (
    id                  BIGSERIAL PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    user_id             BIGINT NOT NULL,
    course_id           TEXT NOT NULL,
    overall_completion  NUMERIC(5, 2),
    total_items         INT NOT NULL DEFAULT 0,
    completed_items     INT NOT NULL DEFAULT 0,
    h5p_total_contents  INT NOT NULL DEFAULT 0,
    video_total_videos  INT NOT NULL DEFAULT 0,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX dashboard_summary_course_idx ON dashboard_summary (tenant_id, course_id);

-- the feature row per MOOC user and course: seed 004's columns, Cohort's own attendance, lateness and
-- assessment results, the label once the run is over, and the risk with the model version that scored it
CREATE TABLE raw_data (
    id                             BIGSERIAL PRIMARY KEY,
    tenant_id                      UUID NOT NULL REFERENCES tenant (id),
    user_id                        BIGINT NOT NULL,
    course_id                      TEXT NOT NULL,
    run_id                         UUID NOT NULL,
    learner_id                     UUID,
    enrollment_date                TIMESTAMPTZ,
    mooc_grade_percentage          NUMERIC(6, 2),
    mooc_letter_grade              TEXT,
    mooc_is_passed                 BOOLEAN,
    progress_percent               NUMERIC(5, 2),
    current_chapter                TEXT,
    current_section                TEXT,
    current_unit                   TEXT,
    mooc_completion_rate           NUMERIC(5, 4),
    h5p_total_contents             INT,
    h5p_overall_percentage         NUMERIC(5, 2),
    video_total_videos             INT,
    video_watched_percent          NUMERIC(5, 2),
    discussion_threads_count       INT,
    discussion_comments_count      INT,
    discussion_total_interactions  INT,
    days_since_activity            INT,
    attendance_rate                NUMERIC(5, 2),
    sessions_missed_recent         INT,
    sessions_recent                INT,
    sessions_late                  INT,
    assessments_not_competent      INT,
    is_dropout                     BOOLEAN,
    dropout_risk_score             NUMERIC(5, 4),
    risk_reasons                   JSONB NOT NULL DEFAULT '[]',
    model_version                  TEXT,
    inputs_digest                  TEXT NOT NULL,
    computed_at                    TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, user_id, course_id)
);
CREATE INDEX raw_data_run_idx ON raw_data (tenant_id, run_id, dropout_risk_score DESC);
CREATE INDEX raw_data_dropout_idx ON raw_data (tenant_id, is_dropout);

-- each run's ingestion: where it stands and the cursor a resumed ingestion starts from
CREATE TABLE analytics_ingestion (
    tenant_id     UUID NOT NULL REFERENCES tenant (id),
    run_id        UUID NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    phase         TEXT NOT NULL,
    next_page     INT NOT NULL DEFAULT 1,
    pages_done    INT NOT NULL DEFAULT 0,
    rows_seen     INT NOT NULL DEFAULT 0,
    rows_changed  INT NOT NULL DEFAULT 0,
    attempts      INT NOT NULL DEFAULT 0,
    last_error    TEXT,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    lease_until   TIMESTAMPTZ,
    PRIMARY KEY (tenant_id, run_id)
);

-- the xAPI statements received (the LRS), kept by statement id
CREATE TABLE xapi_statement (
    tenant_id     UUID NOT NULL REFERENCES tenant (id),
    id            UUID NOT NULL,
    body          JSONB NOT NULL,
    verb          TEXT NOT NULL,
    stored_at     TIMESTAMPTZ NOT NULL,
    stored_by     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- each learner raised as at risk in a run, once
CREATE TABLE analytics_risk_raised (
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    run_id      UUID NOT NULL,
    user_id     BIGINT NOT NULL,
    raised_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, run_id, user_id)
);

-- each feature row as it was computed, for a learner's trajectory
CREATE TABLE raw_data_history (
    tenant_id              UUID NOT NULL REFERENCES tenant (id),
    user_id                BIGINT NOT NULL,
    course_id              TEXT NOT NULL,
    computed_at            TIMESTAMPTZ NOT NULL,
    progress_percent       NUMERIC(5, 2),
    video_watched_percent  NUMERIC(5, 2),
    days_since_activity    INT,
    attendance_rate        NUMERIC(5, 2),
    dropout_risk_score     NUMERIC(5, 4) NOT NULL,
    model_version          TEXT NOT NULL
);
CREATE INDEX raw_data_history_idx ON raw_data_history (tenant_id, course_id, user_id, computed_at);

-- each tenant's dropout models: the logistic weights (trained with Tribuo) and their held-out evaluation
-- beside the baseline's; the active one scores the tenant's learners
CREATE TABLE analytics_model (
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    version     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('BASELINE', 'LOGISTIC')),
    weights     JSONB,
    metrics     JSONB NOT NULL,
    trained_at  TIMESTAMPTZ NOT NULL,
    active      BOOLEAN NOT NULL,
    PRIMARY KEY (tenant_id, version)
);
CREATE UNIQUE INDEX analytics_model_active_key ON analytics_model (tenant_id) WHERE active;
