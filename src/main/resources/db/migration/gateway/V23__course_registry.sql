-- What TPGateway's course registry last answered for a course reference of the tenant (GH-10):
-- runs are published only for a course the registry lists as active.
CREATE TABLE gateway_course_registry (
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    reference   TEXT NOT NULL,
    found       BOOLEAN NOT NULL,
    title       TEXT,
    status      TEXT,
    checked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, reference)
);
