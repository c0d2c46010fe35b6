-- One row per finished session. The question is kept as it was when the session ran, and the edit
-- log is stored gzip-compressed because it is only ever read whole, for a replay.
CREATE TABLE attempts (
  session_id          uuid        PRIMARY KEY,
  question_id         text        NOT NULL,
  question_title      text        NOT NULL,
  question_difficulty text        NOT NULL CHECK (question_difficulty IN ('Easy', 'Medium', 'Hard')),
  question_topics     text[]      NOT NULL,
  language            text        NOT NULL,
  code                text        NOT NULL,
  started_at          timestamptz NOT NULL,
  ended_at            timestamptz NOT NULL,
  end_reason          text        NOT NULL CHECK (end_reason IN ('ended-by-participant', 'abandoned')),
  edit_count          integer     NOT NULL,
  edits_gz            bytea       NOT NULL,
  recorded_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at >= started_at)
);

-- Both participants of an attempt, as they were. A deleted account keeps its row with a null id and
-- the name 'deleted user', so the partner's attempt stays whole while the account's own listing is gone.
CREATE TABLE attempt_participants (
  session_id uuid     NOT NULL REFERENCES attempts (session_id) ON DELETE CASCADE,
  position   smallint NOT NULL CHECK (position IN (0, 1)),
  user_id    uuid,
  username   text     NOT NULL,
  PRIMARY KEY (session_id, position)
);

CREATE INDEX attempt_participants_user ON attempt_participants (user_id) WHERE user_id IS NOT NULL;

-- The chat of a session. It may arrive before the attempt itself, so it does not reference it.
CREATE TABLE transcripts (
  session_id uuid        PRIMARY KEY,
  messages   jsonb       NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX transcripts_messages ON transcripts USING gin (messages jsonb_path_ops);

-- Accounts deleted so far, so that an attempt or transcript arriving after the deletion is stored
-- without the account's identity.
CREATE TABLE deleted_users (
  user_id    uuid        PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);
