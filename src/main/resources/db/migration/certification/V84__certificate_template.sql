-- certification: the tenant's certificate template as immutable versions (wording, signatory, logo and
-- signature images); each certificate keeps the version it was issued with (docs/adr/0032)

CREATE TABLE certificate_image (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenant (id),
    sha256      TEXT NOT NULL,
    media_type  TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg')),
    width       INT NOT NULL CHECK (width > 0),
    height      INT NOT NULL CHECK (height > 0),
    content     BYTEA NOT NULL CHECK (octet_length(content) <= 524288),
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, sha256)
);

CREATE TABLE certificate_template (
    id               UUID PRIMARY KEY,
    tenant_id        UUID NOT NULL REFERENCES tenant (id),
    version          INT NOT NULL CHECK (version > 0),
    title            TEXT NOT NULL,
    statement        TEXT NOT NULL,
    signatory_name   TEXT,
    signatory_title  TEXT,
    logo_id          UUID REFERENCES certificate_image (id),
    signature_id     UUID REFERENCES certificate_image (id),
    created_by       TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (tenant_id, version)
);

-- NULL: issued before the tenant had a template, rendered with the built-in wording
ALTER TABLE certificate ADD COLUMN template_id UUID REFERENCES certificate_template (id);
