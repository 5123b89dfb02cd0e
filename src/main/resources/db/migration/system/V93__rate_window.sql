-- One table for every request limit counted in one-minute windows (public verifications per
-- address, typed check-in codes per learner account), instead of a near-copy per limit. The old
-- tables only held the current minute's counts.
CREATE TABLE rate_window (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    hits          INT NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX rate_window_window_idx ON rate_window (window_start);

DROP TABLE check_in_rate;
DROP TABLE verification_rate;
