-- The messaging hub's tables that the media and cleanup jobs work on
-- (seed 002 "Database Tables"), with the changes switchboard makes:
-- - times are TIMESTAMPTZ;
-- - a message body is stored encrypted (content_enc), never as plaintext;
-- - media columns hold keys of the media store (io/media/directory_store),
--   relative paths such as "processed/<message id>/image.jpg", not URLs:
--   media_key is the upload a media job read, media_url and thumbnail_url
--   what it produced. Every key in these columns is a reference that the
--   orphaned-media sweep respects.
-- Other migrations add columns to `messages` (polled social messages).

CREATE TABLE IF NOT EXISTS messages (
  id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  sender_id      UUID NOT NULL,
  chat_id        UUID NOT NULL,
  -- The body, encrypted at rest (libsodium); NULL for media-only messages.
  content_enc    BYTEA,
  media_key      TEXT,
  media_url      TEXT,
  thumbnail_url  TEXT,
  -- What the media job measured: dimensions, duration, codecs, waveform.
  media_metadata JSONB,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at     TIMESTAMPTZ
);

-- Retention deletes by age.
CREATE INDEX IF NOT EXISTS messages_created_at ON messages (created_at);
CREATE INDEX IF NOT EXISTS messages_chat ON messages (chat_id, created_at);
-- The orphaned-media sweep asks "does any row reference this key?".
CREATE INDEX IF NOT EXISTS messages_media_key ON messages (media_key)
  WHERE media_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_media_url ON messages (media_url)
  WHERE media_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_thumbnail_url ON messages (thumbnail_url)
  WHERE thumbnail_url IS NOT NULL;

-- A story lives 24 hours (cleanup kind "stories").
CREATE TABLE IF NOT EXISTS stories (
  id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id        UUID NOT NULL,
  media_key      TEXT,
  media_url      TEXT,
  thumbnail_url  TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at     TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS stories_created_at ON stories (created_at);
CREATE INDEX IF NOT EXISTS stories_media_key ON stories (media_key)
  WHERE media_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS stories_media_url ON stories (media_url)
  WHERE media_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS stories_thumbnail_url ON stories (thumbnail_url)
  WHERE thumbnail_url IS NOT NULL;

CREATE TABLE IF NOT EXISTS user_sessions (
  id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         UUID NOT NULL,
  device_id       TEXT,
  -- NULL: never active since it was created (created_at counts instead).
  last_active_at  TIMESTAMPTZ,
  -- Whether the device holds a live connection (websocket) right now.
  is_active       BOOLEAN NOT NULL DEFAULT true,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS user_sessions_last_seen
  ON user_sessions ((coalesce(last_active_at, created_at)));
CREATE INDEX IF NOT EXISTS user_sessions_user ON user_sessions (user_id);

-- Signal Protocol one-time prekeys (public halves only; the private halves
-- never leave the device).
CREATE TABLE IF NOT EXISTS user_prekeys (
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     UUID NOT NULL,
  prekey_id   INTEGER NOT NULL,
  public_key  TEXT NOT NULL,
  used_at     TIMESTAMPTZ,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (user_id, prekey_id)
);

CREATE INDEX IF NOT EXISTS user_prekeys_used_at ON user_prekeys (used_at)
  WHERE used_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS user_prekeys_unused ON user_prekeys (created_at)
  WHERE used_at IS NULL;

-- Scratch files the hub registered (uploads in progress, exports); the
-- "temp_files" cleanup deletes the file, then the row.
CREATE TABLE IF NOT EXISTS temporary_files (
  id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  file_path   TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS temporary_files_created_at
  ON temporary_files (created_at);

-- One row per statistics window (cleanup kind "statistics"): running a
-- window again overwrites its row.
CREATE TABLE IF NOT EXISTS hub_statistics (
  window_start     TIMESTAMPTZ PRIMARY KEY,
  window_end       TIMESTAMPTZ NOT NULL,
  messages         BIGINT NOT NULL,
  active_senders   BIGINT NOT NULL,
  active_users     BIGINT NOT NULL,
  stories          BIGINT NOT NULL,
  sessions_active  BIGINT NOT NULL,
  computed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
