-- A tenant's own subject, text and (optional) HTML for a kind of message; no row: the default.
-- Values are filled in when a message is rendered, HTML-escaped in the HTML.
CREATE TABLE notification_template (
    tenant_id  UUID NOT NULL REFERENCES tenant (id),
    kind       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body_text  TEXT NOT NULL,
    body_html  TEXT,
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
