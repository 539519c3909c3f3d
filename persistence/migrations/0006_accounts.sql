-- Account polling (issue 3, seed 000): the connected social accounts, the
-- record of failed polls, and the columns that make the hub's `messages`
-- table (0005_hub_tables.sql) hold polled messages too.
--
-- Nothing secret is stored in plaintext: access tokens and message bodies
-- are sealed with libsodium (io/crypto/keyring.hpp) before they reach SQL.

CREATE TABLE IF NOT EXISTS connected_accounts (
  -- The hub's account id.
  id                   TEXT PRIMARY KEY,
  platform             TEXT NOT NULL,
  -- The account's user on the platform.
  user_id              TEXT NOT NULL,
  -- Sealed with the context 'token:' || id.
  access_token_enc     BYTEA NOT NULL,
  -- needs_reauth: the platform refused the token (401/403); no request is
  -- made until the account is connected again.
  status               TEXT NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'paused', 'needs_reauth',
                                         'disconnected')),
  poll_interval_ms     BIGINT NOT NULL CHECK (poll_interval_ms > 0),
  adaptive             BOOLEAN NOT NULL DEFAULT false,
  -- The interval in use (adaptive accounts move it between the bounds).
  current_interval_ms  BIGINT NOT NULL CHECK (current_interval_ms > 0),
  -- The platform cursor (Twitter/X since_id) of the newest stored message.
  -- Compared as a number: longer is newer, then by text (COLLATE "C").
  cursor               TEXT,
  last_polled_at       TIMESTAMPTZ,
  -- When the next poll is due; after a rate limit, the reset time.
  next_poll_at         TIMESTAMPTZ,
  last_error           TEXT,
  consecutive_failures INT NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  connected_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Start-up loads the active accounts of the polling platforms; the API
-- lists by platform and status.
CREATE INDEX IF NOT EXISTS connected_accounts_platform_status
  ON connected_accounts (platform, status, id);

-- A poll that failed after its retries (the seed's failed jobs), kept for
-- monitoring and manual retry until cleaned.
CREATE TABLE IF NOT EXISTS poll_failures (
  id          BIGSERIAL PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES connected_accounts (id)
              ON DELETE CASCADE,
  platform    TEXT NOT NULL,
  -- auth_revoked, rate_limited, server_error or transient.
  error_kind  TEXT NOT NULL,
  -- Never a token or a message body.
  error       TEXT NOT NULL,
  -- Requests made by the failed poll.
  attempts    INT NOT NULL CHECK (attempts >= 0),
  failed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- Set when retried by hand.
  retried_at  TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS poll_failures_failed_at ON poll_failures (failed_at);
CREATE INDEX IF NOT EXISTS poll_failures_account ON poll_failures (account_id);

-- Polled messages are hub messages: they come from a connected account
-- rather than from a hub sender in a hub chat. content_enc holds the body
-- sealed with the context 'message:' || account_id.
ALTER TABLE messages
  ADD COLUMN IF NOT EXISTS account_id          TEXT
      REFERENCES connected_accounts (id),
  ADD COLUMN IF NOT EXISTS platform            TEXT,
  ADD COLUMN IF NOT EXISTS platform_message_id TEXT,
  ADD COLUMN IF NOT EXISTS conversation_id     TEXT,
  -- The platform's id of the author.
  ADD COLUMN IF NOT EXISTS sender              TEXT,
  -- When the platform says it was sent (created_at: when it was stored).
  ADD COLUMN IF NOT EXISTS sent_at             TIMESTAMPTZ;

ALTER TABLE messages ALTER COLUMN sender_id DROP NOT NULL;
ALTER TABLE messages ALTER COLUMN chat_id DROP NOT NULL;

-- Either a hub message (sender and chat) or a polled one (account, platform
-- and the platform's id), never half of each.
ALTER TABLE messages ADD CONSTRAINT messages_origin CHECK (
  (account_id IS NULL AND sender_id IS NOT NULL AND chat_id IS NOT NULL)
  OR (account_id IS NOT NULL AND platform IS NOT NULL
      AND platform_message_id IS NOT NULL AND sent_at IS NOT NULL));

-- A message already stored is not stored again (ON CONFLICT DO NOTHING).
CREATE UNIQUE INDEX IF NOT EXISTS messages_account_platform_id
  ON messages (account_id, platform_message_id);

-- An account's messages, newest first.
CREATE INDEX IF NOT EXISTS messages_account_sent
  ON messages (account_id, sent_at DESC, id DESC)
  WHERE account_id IS NOT NULL;
