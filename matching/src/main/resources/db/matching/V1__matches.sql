-- The match log: one row per match made, written once the session exists and both users were told.
-- User and session ids are kept as text: they come from other services and are opaque here.
CREATE TABLE matches (
  id                  text PRIMARY KEY,
  topic               text        NOT NULL,
  difficulty          text        NOT NULL,
  relaxed             boolean     NOT NULL,
  user_a_id           text        NOT NULL,
  user_a_name         text        NOT NULL,
  user_a_difficulty   text        NOT NULL,
  user_a_waited_ms    bigint      NOT NULL,
  user_b_id           text        NOT NULL,
  user_b_name         text        NOT NULL,
  user_b_difficulty   text        NOT NULL,
  user_b_waited_ms    bigint      NOT NULL,
  question_id         text        NOT NULL,
  question_title      text,
  question_difficulty text,
  session_id          text        NOT NULL,
  language            text        NOT NULL,
  requeues            integer     NOT NULL DEFAULT 0,
  paired_at           timestamptz NOT NULL,
  matched_at          timestamptz NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (user_a_id <> user_b_id)
);

CREATE INDEX matches_user_a ON matches (user_a_id, created_at DESC);
CREATE INDEX matches_user_b ON matches (user_b_id, created_at DESC);
CREATE INDEX matches_created ON matches (created_at DESC);
