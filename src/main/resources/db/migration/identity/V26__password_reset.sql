-- Forgotten passwords (GH-14): one row per reset link mailed. Only a SHA-256 digest of the link's
-- 256-bit random token is kept; a link works once, for 30 minutes (docs/adr/0033-password-reset-tokens.md).
CREATE TABLE password_reset (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES app_user (id),
    token_hash  BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX password_reset_token_key ON password_reset (token_hash);
CREATE INDEX password_reset_user_idx ON password_reset (user_id);
CREATE INDEX password_reset_expires_idx ON password_reset (expires_at);
