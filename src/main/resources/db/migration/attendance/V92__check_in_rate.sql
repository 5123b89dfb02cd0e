-- Typed check-in codes are short: each learner account may try a few a minute, counted here so
-- that the limit holds across every instance.
CREATE TABLE check_in_rate (
    user_id       UUID PRIMARY KEY,
    window_start  TIMESTAMPTZ NOT NULL,
    attempts      INT NOT NULL
);
CREATE INDEX check_in_rate_window_idx ON check_in_rate (window_start);
