-- notification: the messages sent to learners (one row per learner, kind, subject matter and channel,
-- unique per tenant by its dedup key, so that a replayed event or a second instance sends nothing twice),
-- each learner's channels per kind, and each tenant's sender and quiet hours.

CREATE TABLE notification (
    id              UUID PRIMARY KEY,
    tenant_id       UUID NOT NULL REFERENCES tenant (id),
    learner_id      UUID NOT NULL,
    kind            TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('EMAIL', 'IN_APP', 'SMS', 'WEBHOOK')),
    dedup_key       TEXT NOT NULL,
    recipient       TEXT,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    body_html       TEXT,
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'DEAD')),
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    read_at         TIMESTAMPTZ,
    UNIQUE (tenant_id, dedup_key)
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_learner_idx ON notification (tenant_id, learner_id, created_at);

-- the channels a learner wants per kind of message; no row: the default (EMAIL and IN_APP)
CREATE TABLE notification_preference (
    tenant_id  UUID NOT NULL REFERENCES tenant (id),
    learner_id UUID NOT NULL,
    kind       TEXT NOT NULL,
    channels   TEXT[] NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, learner_id, kind)
);

CREATE TABLE notification_settings (
    tenant_id      UUID PRIMARY KEY REFERENCES tenant (id),
    sender_address TEXT,
    quiet_start    TIME,
    quiet_end      TIME,
    updated_at     TIMESTAMPTZ NOT NULL,
    updated_by     TEXT NOT NULL
);
