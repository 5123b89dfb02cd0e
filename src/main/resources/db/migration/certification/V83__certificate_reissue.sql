-- certification: a reissued certificate names the one it replaces; a certificate is replaced at most once

ALTER TABLE certificate ADD COLUMN replaces_id UUID REFERENCES certificate (id);
CREATE UNIQUE INDEX certificate_replaces_key ON certificate (replaces_id) WHERE replaces_id IS NOT NULL;
