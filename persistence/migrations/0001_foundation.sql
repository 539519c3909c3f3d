-- Foundation: the node's own bookkeeping.
CREATE TABLE IF NOT EXISTS node_events (
  id          BIGSERIAL PRIMARY KEY,
  node_id     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  detail      JSONB NOT NULL DEFAULT '{}'::jsonb,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS node_events_created_at ON node_events (created_at);
