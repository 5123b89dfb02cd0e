-- gateway: the order in which a record's jobs were written, so that each change waits for the one before it
ALTER TABLE sync_job ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX sync_job_entity_seq_idx ON sync_job (tenant_id, entity_type, entity_id, seq);
