-- identity: a second factor (TOTP, RFC 6238) per user, its one-time recovery codes, and the tenant's
-- security settings

CREATE TABLE user_totp (
    user_id        UUID PRIMARY KEY REFERENCES app_user (id),
    secret_sealed  BYTEA NOT NULL,          -- SecretBox, purpose "totp-secret"
    confirmed_at   TIMESTAMPTZ,             -- NULL while the enrolment waits for its first code
    last_used_step BIGINT,                  -- a code's time step is accepted once only
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE user_recovery_code (
    user_id    UUID NOT NULL REFERENCES app_user (id),
    code_hash  BYTEA NOT NULL,              -- SHA-256 of the normalised code
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE tenant_security_settings (
    tenant_id               UUID PRIMARY KEY REFERENCES tenant (id),
    require_totp_for_admins BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
