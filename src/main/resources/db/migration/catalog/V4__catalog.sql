-- catalog: courses and their ordered modules

CREATE TABLE course (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    code            TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    ssg_course_ref  TEXT CHECK (ssg_course_ref ~ '^TGS-[0-9]{10}$'),
    status          TEXT NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX course_tenant_code_key ON course (tenant_id, lower(code));

CREATE TABLE course_module (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    course_id   UUID NOT NULL REFERENCES course (id),
    position    INT NOT NULL CHECK (position > 0),
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    hours       NUMERIC(6, 2) NOT NULL CHECK (hours > 0),
    UNIQUE (course_id, position) DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (course_id, code)
);
