-- The PUSH channel (Web Push, RFC 8030/8291/8292): the browsers a learner subscribed from the portal.
-- The endpoint is the push service's URL for that browser; p256dh and auth are the browser's keys
-- that each message is encrypted to. None of them is ever returned by the API.
ALTER TABLE notification DROP CONSTRAINT notification_channel_check;
ALTER TABLE notification ADD CONSTRAINT notification_channel_check
    CHECK (channel IN ('EMAIL', 'IN_APP', 'SMS', 'WEBHOOK', 'PUSH'));

CREATE TABLE push_subscription (
    id         UUID PRIMARY KEY,
    tenant_id  UUID NOT NULL REFERENCES tenant (id),
    learner_id UUID NOT NULL,
    endpoint   TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, endpoint)
);
CREATE INDEX push_subscription_learner_idx ON push_subscription (tenant_id, learner_id);
