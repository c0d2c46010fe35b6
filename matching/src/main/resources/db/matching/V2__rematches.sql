-- A user whose partner left may ask for a new partner at the place in the queue they had before the
-- match, once per match: a row here records that the place was given back.
CREATE TABLE rematches (
  match_id     text        NOT NULL REFERENCES matches (id),
  user_id      text        NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (match_id, user_id)
);

CREATE INDEX matches_session ON matches (session_id);
