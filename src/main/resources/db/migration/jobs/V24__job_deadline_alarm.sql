-- GH-10: a job whose next attempt would fall past its record's compliance deadline raises an alarm,
-- once: when it did (the worker's clock), and the deadline it would miss
ALTER TABLE sync_job ADD COLUMN deadline_alarm_at TIMESTAMPTZ;
ALTER TABLE sync_job ADD COLUMN record_deadline TIMESTAMPTZ;
