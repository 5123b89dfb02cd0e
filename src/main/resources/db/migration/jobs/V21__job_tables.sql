-- The job machinery moved out of the gateway module into its own (`jobs`, GH-11): its circuit breakers and
-- retry policies serve every target (TPGateway, Moodle), so their tables lose the gateway's name.
-- `sync_job` keeps its name; its `gateway_reference` holds whatever reference the job's target returned.
ALTER TABLE gateway_circuit RENAME TO job_circuit;
ALTER TABLE gateway_retry_policy RENAME TO job_retry_policy;
COMMENT ON COLUMN sync_job.gateway_reference IS 'the reference the job''s target returned for the record (TPGateway run id, Moodle user id, ...)';
