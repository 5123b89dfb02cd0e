-- gateway: per tenant, how long the client waits for TPGateway's answer and how many attempts a job gets
ALTER TABLE gateway_settings ADD COLUMN timeout_ms INT NOT NULL DEFAULT 30000 CHECK (timeout_ms BETWEEN 100 AND 120000);
ALTER TABLE gateway_settings ADD COLUMN max_attempts INT CHECK (max_attempts BETWEEN 1 AND 50);
