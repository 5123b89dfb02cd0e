-- gateway: which class run a job belongs to, for the compliance roll-up per run
ALTER TABLE sync_job ADD COLUMN run_id UUID;
CREATE INDEX sync_job_run_idx ON sync_job (tenant_id, run_id);
