-- Notification attempts (seed 002 "Notifications Log"): one row per delivery
-- attempt of a notification job, successful or not, written by the
-- notification handler through a batching writer.
--
-- Changes from the seed's table: user ids are the hub's opaque strings
-- (TEXT), times are TIMESTAMPTZ, and each row names its job and attempt, the
-- provider's answer (message id or error code) and a masked recipient. The
-- device token, e-mail address and phone number themselves are never stored.

CREATE TABLE IF NOT EXISTS notifications (
  id                   UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  -- jobs.id; no foreign key, since completed jobs are pruned and the log
  -- outlives them.
  job_id               BIGINT,
  attempt              INT NOT NULL DEFAULT 1 CHECK (attempt >= 0),
  user_id              TEXT NOT NULL,
  type                 TEXT NOT NULL CHECK (type IN ('push', 'email', 'sms')),
  title                TEXT,
  body                 TEXT,
  -- e.g. "…a1b2" (token), "j***@example.org", "+48******789".
  recipient            TEXT,
  success              BOOLEAN NOT NULL,
  -- UNREGISTERED, QUOTA_EXCEEDED, http_503, smtp_550, network, timeout,
  -- invalid_payload ...; NULL on success.
  error_code           TEXT,
  error                TEXT,
  -- FCM message name, SMSEagle outbox id, SMTP Message-ID.
  provider_message_id  TEXT,
  started_at           TIMESTAMPTZ,
  finished_at          TIMESTAMPTZ,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS notifications_job ON notifications (job_id, attempt);
CREATE INDEX IF NOT EXISTS notifications_user ON notifications (user_id, created_at DESC);
