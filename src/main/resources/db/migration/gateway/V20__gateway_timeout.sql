-- gateway: per tenant, how long the client waits for TPGateway's answer
ALTER TABLE gateway_settings ADD COLUMN timeout_ms INT NOT NULL DEFAULT 30000 CHECK (timeout_ms BETWEEN 100 AND 120000);
