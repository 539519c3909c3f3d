-- Cron (actors/cron/): the latest firing of each cron entry whose job is
-- enqueued, so a node that (re)starts knows which firings it missed and
-- applies the entry's missed-firing policy. The firing's job itself is made
-- unique by jobs.unique_key ("cron-{entry}-{fire time}"), so recording here
-- after the enqueue is safe to repeat.

CREATE TABLE IF NOT EXISTS cron_firings (
  entry          TEXT PRIMARY KEY,
  last_fired_at  TIMESTAMPTZ NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
