-- A learner's guardian and employer: who else hears of the learner's absences, on the channels
-- the contact chose (none: not opted in).
CREATE TABLE notification_contact (
    tenant_id  UUID NOT NULL REFERENCES tenant (id),
    learner_id UUID NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('GUARDIAN', 'EMPLOYER')),
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    phone      TEXT,
    channels   TEXT[] NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, learner_id, role)
);
