-- gateway: each tenant's TPGateway connection; secrets are sealed (AES-GCM), never stored in clear

CREATE TABLE gateway_settings (
    tenant_id              UUID PRIMARY KEY REFERENCES tenant (id),
    enabled                BOOLEAN NOT NULL,
    base_url               TEXT NOT NULL,
    uen                    TEXT NOT NULL,
    encryption_key_sealed  BYTEA NOT NULL,
    auth_mode              TEXT NOT NULL CHECK (auth_mode IN ('NONE', 'OAUTH', 'MTLS')),
    oauth_token_url        TEXT,
    oauth_client_id        TEXT,
    oauth_secret_sealed    BYTEA,
    keystore_sealed        BYTEA,          -- PKCS#12, Base64, sealed
    keystore_secret_sealed BYTEA,
    api_version            TEXT,
    updated_at             TIMESTAMPTZ NOT NULL,
    updated_by             TEXT NOT NULL
);
