-- When every linked run of the tenant was rescored with a model: null while the rescoring that follows its
-- training runs in the background (ADR 38). Models trained before were rescored in the request that trained them.
ALTER TABLE analytics_model ADD COLUMN rescored_at TIMESTAMPTZ;
UPDATE analytics_model SET rescored_at = trained_at;
