-- When each periodic pass (deadline watch, reconciliation, purges, resubmission…) last started,
-- on any instance: an instance runs a pass only when its interval's slot is still free (GH-15).
CREATE TABLE periodic_pass (
    name            TEXT PRIMARY KEY,
    last_started_at TIMESTAMPTZ NOT NULL,
    started_by      TEXT NOT NULL
);
