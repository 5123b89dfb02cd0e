-- GH-10: a transient failure is retried for a time budget, not a number of attempts. A job gives up
-- (DEAD) once its tenant's budget has passed since it was written; a policy change applies to every
-- unfinished job at once, so no job keeps a limit of its own.
ALTER TABLE job_retry_policy ADD COLUMN retry_budget_seconds INT NOT NULL DEFAULT 86400
    CHECK (retry_budget_seconds BETWEEN 60 AND 2592000);
ALTER TABLE job_retry_policy DROP COLUMN max_attempts;
ALTER TABLE sync_job DROP COLUMN max_attempts;
-- when the job's current run of transient failures began (the worker's clock); the budget counts from it,
-- and an operator's retry starts it afresh
ALTER TABLE sync_job ADD COLUMN first_failed_at TIMESTAMPTZ;
