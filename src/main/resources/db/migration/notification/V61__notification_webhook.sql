-- A tenant's WEBHOOK channel: the URL its messages are posted to and the HMAC secret that
-- signs them, sealed (AES-GCM, SecretBox) and never returned by any API.
ALTER TABLE notification_settings
    ADD COLUMN webhook_url    TEXT,
    ADD COLUMN webhook_secret BYTEA;
