-- audit: facts are written without a chain lock and sealed after commit (GH-15, ADR 0025).
-- audit_event keeps the facts (append-only as before) and the id of the transaction that wrote each;
-- audit_seal links committed facts into each tenant's chain, in batches, one sealer at a time.

-- the writing transaction's id: the sealer only seals facts of transactions older than every one in flight
ALTER TABLE audit_event ADD COLUMN xact xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE TABLE audit_seal (
    event_id  BIGINT PRIMARY KEY REFERENCES audit_event (id),
    chain     UUID NOT NULL,        -- the tenant, or all zeros for platform-level events
    seq       BIGINT NOT NULL,      -- position in the chain, from 1
    xact      xid8 NOT NULL,        -- the fact's transaction, where the next pass starts looking
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL,
    CONSTRAINT audit_seal_chain_key UNIQUE (chain, seq)
);
CREATE INDEX audit_seal_xact_idx ON audit_seal (xact);

-- the chain so far moves over as it is: every existing fact is sealed with its seq and hashes
INSERT INTO audit_seal (event_id, chain, seq, xact, prev_hash, hash)
SELECT id, coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), seq, xact, prev_hash, hash
FROM audit_event;

DROP INDEX audit_event_chain_key;
ALTER TABLE audit_event DROP COLUMN seq, DROP COLUMN prev_hash, DROP COLUMN hash;
CREATE INDEX audit_event_xact_idx ON audit_event (xact, id);

CREATE FUNCTION audit_seal_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_seal is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_seal_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_seal_is_append_only();

CREATE TRIGGER audit_seal_no_truncate
    BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_is_append_only();
