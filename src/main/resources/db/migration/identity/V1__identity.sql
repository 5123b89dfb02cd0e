-- identity: tenants, users and roles, refresh tokens, API keys, login throttling

CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name        TEXT NOT NULL,
    uen         TEXT NOT NULL,
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Singapore',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
    id            UUID PRIMARY KEY,
    tenant_id     UUID REFERENCES tenant (id),
    email         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT[] NOT NULL,
    enabled       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- one account per email in a tenant; platform admins (no tenant) are unique among themselves
CREATE UNIQUE INDEX app_user_tenant_email_key ON app_user (tenant_id, lower(email)) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX app_user_platform_email_key ON app_user (lower(email)) WHERE tenant_id IS NULL;

CREATE TABLE refresh_token (
    id          UUID PRIMARY KEY,
    family_id   UUID NOT NULL,
    user_id     UUID NOT NULL REFERENCES app_user (id),
    token_hash  BYTEA NOT NULL UNIQUE,
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);

CREATE TABLE api_key (
    id           UUID PRIMARY KEY,
    tenant_id    UUID NOT NULL REFERENCES tenant (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    secret_hash  BYTEA NOT NULL UNIQUE,
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_key_tenant_idx ON api_key (tenant_id);

-- failed logins counted per account and per client address, shared by every instance
CREATE TABLE login_throttle (
    scope         TEXT NOT NULL,
    subject       TEXT NOT NULL,
    failures      INT NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    blocked_until TIMESTAMPTZ,
    PRIMARY KEY (scope, subject)
);
