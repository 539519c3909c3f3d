-- Durable queues (DESIGN.md "Durable queues"): one jobs table shared by every
-- queue, claimed with FOR UPDATE SKIP LOCKED.
--
-- Wake-ups: statements that make jobs ready now (enqueue, retry, rescue,
-- resume) send NOTIFY on the one channel `sb_jobs` with the queue name as
-- payload; workers LISTEN sb_jobs and keep a timer for next_run_at.

CREATE TABLE IF NOT EXISTS queues (
  name        TEXT PRIMARY KEY,
  paused      BOOLEAN NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS jobs (
  id            BIGSERIAL PRIMARY KEY,
  queue         TEXT NOT NULL,
  kind          TEXT NOT NULL,
  payload       JSONB NOT NULL DEFAULT '{}'::jsonb,
  -- Higher runs first.
  priority      INT NOT NULL DEFAULT 0,
  -- waiting: ready; delayed: ready once run_at passed; active: claimed;
  -- completed; failed: an attempt failed, retried at run_at; dead: no
  -- attempts left (the dead-letter queue), kept until removed.
  state         TEXT NOT NULL CHECK (state IN ('waiting', 'delayed', 'active',
                                               'completed', 'failed', 'dead')),
  -- Attempts started (a claim counts one; a snooze gives it back).
  attempts      INT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts  INT NOT NULL DEFAULT 1 CHECK (max_attempts >= 1),
  -- {"type": "fixed" | "exponential", "delay_ms": N, "jitter": bool}; the
  -- worker computes the retry time from it.
  backoff       JSONB NOT NULL DEFAULT '{"type": "fixed", "delay_ms": 0, "jitter": false}'::jsonb,
  -- 0: no timeout.
  timeout_ms    BIGINT NOT NULL DEFAULT 0 CHECK (timeout_ms >= 0),
  run_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  unique_key    TEXT,
  locked_by     TEXT,
  locked_until  TIMESTAMPTZ,
  last_error    TEXT,
  progress      JSONB,
  result        JSONB,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Start of the latest attempt, end of the latest attempt.
  started_at    TIMESTAMPTZ,
  finished_at   TIMESTAMPTZ,
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The claim: ready jobs of a queue in claim order.
CREATE INDEX IF NOT EXISTS jobs_claim ON jobs (queue, priority DESC, run_at, id)
  WHERE state IN ('waiting', 'delayed', 'failed');

-- The workers' timer: the earliest run_at of a queue's ready jobs.
CREATE INDEX IF NOT EXISTS jobs_next_run ON jobs (queue, run_at)
  WHERE state IN ('waiting', 'delayed', 'failed');

-- The rescue of expired locks.
CREATE INDEX IF NOT EXISTS jobs_locked_until ON jobs (locked_until)
  WHERE state = 'active';

-- Listing by state with an id cursor; also stats over recent jobs.
CREATE INDEX IF NOT EXISTS jobs_list ON jobs (queue, state, id);

-- Dedupe over every retained job, whatever its state: a firing completed
-- yesterday still dedupes until it is pruned or removed.
CREATE UNIQUE INDEX IF NOT EXISTS jobs_unique_key ON jobs (queue, unique_key)
  WHERE unique_key IS NOT NULL;

-- Microseconds since the UNIX epoch: how times cross to C++.
CREATE OR REPLACE FUNCTION sb_epoch_us(t TIMESTAMPTZ) RETURNS BIGINT
  LANGUAGE sql IMMUTABLE AS
$$ SELECT (extract(epoch FROM t) * 1000000)::bigint $$;

-- The inverse of sb_epoch_us.
CREATE OR REPLACE FUNCTION sb_from_epoch_us(us BIGINT) RETURNS TIMESTAMPTZ
  LANGUAGE sql IMMUTABLE AS
$$ SELECT timestamptz 'epoch' + us * interval '1 microsecond' $$;
