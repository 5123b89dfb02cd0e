-- learners: profiles, contacts, consent; national ids encrypted with a keyed hash for look-ups

CREATE TABLE learner (
    id                  UUID PRIMARY KEY,
    tenant_id           UUID NOT NULL REFERENCES tenant (id),
    full_name           TEXT NOT NULL,
    email               TEXT NOT NULL,
    phone               TEXT NOT NULL DEFAULT '',
    id_type             TEXT NOT NULL CHECK (id_type IN ('SP', 'SB', 'SO', 'FP', 'OT')),
    national_id_cipher  BYTEA NOT NULL,     -- AES-256-GCM: 12-byte nonce then ciphertext and tag
    national_id_hash    BYTEA NOT NULL,     -- HMAC-SHA256 under a key derived from COHORT_PII_KEY
    national_id_masked  TEXT NOT NULL,
    date_of_birth       DATE,
    consent             BOOLEAN NOT NULL DEFAULT FALSE,
    user_id             UUID REFERENCES app_user (id),
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX learner_tenant_national_id_key ON learner (tenant_id, national_id_hash);
CREATE UNIQUE INDEX learner_user_key ON learner (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX learner_tenant_name_idx ON learner (tenant_id, lower(full_name));
CREATE INDEX learner_tenant_email_idx ON learner (tenant_id, lower(email));
