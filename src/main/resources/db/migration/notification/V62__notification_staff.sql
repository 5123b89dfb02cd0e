-- Messages to a tenant's staff (OPS: compliance deadlines, dead letters) have a user, not a learner.
ALTER TABLE notification
    ALTER COLUMN learner_id DROP NOT NULL,
    ADD COLUMN user_id UUID,
    ADD CONSTRAINT notification_recipient_chk CHECK ((learner_id IS NULL) <> (user_id IS NULL));
CREATE INDEX notification_user_idx ON notification (tenant_id, user_id, created_at) WHERE user_id IS NOT NULL;
